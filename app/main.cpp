#include "cli/commandline.h"
#include "cli/layers.h"
#include "importing/samples.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "libraryrecovery.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

int runCommand(int argc, char *argv[])
{
    // Exports lay out text (PDF), which needs fonts and so a GUI application; a command line
    // has no window, so the offscreen platform serves unless the user chose another.
    const bool needsFonts = QByteArrayView(argv[1]) == "export";
    if (needsFonts && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application = needsFonts
        ? std::make_unique<QGuiApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    Q_UNUSED(app);
    QCoreApplication::setApplicationName(u"gloss"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GLOSS_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return CommandLine::run(QCoreApplication::arguments(), out, err);
}

int runWindow(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"gloss"_s);
    QApplication::setApplicationDisplayName(u"Gloss"_s);
    QApplication::setApplicationVersion(QStringLiteral(GLOSS_VERSION));
    QApplication::setDesktopFileName(u"gloss"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/gloss.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main",
        "Gloss reads, highlights and annotates articles.\n\nCommands without a window: "
        "gloss import|parse|stats|search --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption library(u"library"_s,
        QApplication::translate("main", "The library file to open."),
        QApplication::translate("main", "file"));
    parser.addOption(library);
    parser.addPositionalArgument(
        u"files"_s, QApplication::translate("main", "Articles to import and show."), u"[FILE…]"_s);
    parser.process(app);

    QFile style(u":/style.qss"_s);
    if (style.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(style.readAll()));

    QSettings settings;
    const QString path = parser.isSet(library)
        ? parser.value(library)
        : settings.value(u"library/lastPath"_s, CommandLine::defaultLibraryPath()).toString();
    Result<std::unique_ptr<Library>> opened = Library::open(path);
    if (!opened && opened.kind() == ErrorKind::Damaged) {
        // The way out of a damaged library starts here too: recover, then open the copy.
        const QString recovered = LibraryRecovery::offer(nullptr, path, opened.error());
        if (!recovered.isEmpty())
            opened = Library::open(recovered, LibraryStore::OpenMode::MustExist);
        else
            return 1;
    }
    if (!opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Gloss"), opened.error());
        return 1;
    }
    if ((*opened)->isNew())
        Samples::importInto((*opened)->writer());
    settings.setValue(u"library/lastPath"_s, (*opened)->path());

    MainWindow window(std::move(*opened));
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.importPaths(files, true);
    return app.exec();
}

/// Arguments the window cannot take are refused before any display is needed: an unknown
/// option, or a first word that is neither a verb nor a file (a misspelt verb, one of a newer
/// Gloss), which would otherwise open a window importing nothing.
std::optional<QString> refusalOf(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == u"--library"_s) {
            ++i;
            continue;
        }
        if (argument.startsWith(u"--library="_s))
            continue;
        if (argument.startsWith(u'-') && argument != u"-"_s)
            return QCoreApplication::translate("main", "gloss: unknown option %1 (see gloss --help).")
                .arg(argument);
        if (!QFileInfo::exists(argument)) {
            const QString suggestion = CommandLine::suggestionFor(argument);
            if (i == 1 && !suggestion.isEmpty())
                return QCoreApplication::translate(
                    "main", "gloss: “%1” is neither a verb nor a file; did you mean “%2”? (see "
                            "gloss --help)")
                    .arg(argument, suggestion);
            return QCoreApplication::translate(
                "main", "gloss: there is no file “%1”, and it is not a verb (see gloss --help).")
                .arg(argument);
        }
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    Layers::install();
#ifdef SIGXFSZ
    // A write past the file size limit then fails like one on a full disk, and is reported as
    // such, instead of killing the program in the middle of its work.
    std::signal(SIGXFSZ, SIG_IGN);
#endif
    if (argc > 1 && CommandLine::isVerb(QString::fromLocal8Bit(argv[1])))
        return runCommand(argc, argv);
    if (const std::optional<QString> refused = refusalOf(argc, argv)) {
        std::fputs(refused->toLocal8Bit().constData(), stderr);
        std::fputc('\n', stderr);
        return CommandLine::Failure;
    }
    return runWindow(argc, argv);
}
