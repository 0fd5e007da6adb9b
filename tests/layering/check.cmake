# Builds the layering probes: those that include a layer above their own must fail on that
# include, the control must build. Run as: cmake -DBUILD_DIR=… -P check.cmake
function(probe target expect_success header)
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target ${target}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(expect_success AND NOT result EQUAL 0)
        message(FATAL_ERROR "${target} should build but did not:\n${output}")
    endif()
    if(NOT expect_success)
        if(result EQUAL 0)
            message(FATAL_ERROR "${target} built: a wrong-way include went unnoticed")
        endif()
        string(FIND "${output}" "${header}" found)
        if(found EQUAL -1)
            message(FATAL_ERROR "${target} failed, but not on ${header}:\n${output}")
        endif()
        message(STATUS "${target}: refused as it should be (${header} not visible)")
    endif()
endfunction()

probe(gloss_layering_control TRUE "")
probe(gloss_layering_library_up FALSE "annotation/annotationstore.h")
probe(gloss_layering_article_up FALSE "library/librarystore.h")
