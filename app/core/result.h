#pragma once

#include <QString>

#include <optional>
#include <utility>

/// What went wrong, for callers that must branch on it; the sentence is for the user. Callers
/// decide by the kind, never by searching the sentence.
enum class ErrorKind {
    Failed, ///< anything without a more precise kind
    NotFound, ///< the row, file or article is not there (any more)
    Conflict, ///< it changed under the caller, or would collide with what is there
    InvalidInput, ///< what was asked for or read is not acceptable
    Database, ///< the library could not be read or written
    Busy, ///< another connection holds the library; trying again later may work
    Damaged, ///< the library file is corrupt
    ReadOnly, ///< the library (or its folder) cannot be written
    Cancelled, ///< the user stopped it
    Io, ///< a file could not be read or written
};

/// An error for the user: one human sentence and a kind, never a code to show.
struct ResultError
{
    explicit ResultError(QString message, ErrorKind errorKind = ErrorKind::Failed)
        : text(std::move(message))
        , kind(errorKind)
    { }
    QString text;
    ErrorKind kind;
};

/// A value or an error, the error path of every fallible core call.
/// Qt code must not throw, so failures travel as values and are shown only at the UI boundary.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(ResultError error)
        : m_error(std::move(error.text))
        , m_kind(error.kind)
    { }

    explicit operator bool() const { return m_value.has_value(); }
    bool ok() const { return m_value.has_value(); }

    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }

    const QString &error() const { return m_error; }
    ErrorKind kind() const { return m_kind; }
    /// The error, to pass up unchanged (sentence and kind).
    ResultError failure() const { return ResultError(m_error, m_kind); }

private:
    std::optional<T> m_value;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Failed;
};

/// A fallible action with nothing to return.
template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(ResultError error)
        : m_failed(true)
        , m_error(std::move(error.text))
        , m_kind(error.kind)
    { }

    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const QString &error() const { return m_error; }
    ErrorKind kind() const { return m_kind; }
    ResultError failure() const { return ResultError(m_error, m_kind); }

private:
    bool m_failed = false;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Failed;
};
