#include "cli/commandline.h"
#include "cli/layers.h"
#include "importing/samples.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[])
{
    Layers::install();
    if (argc > 1 && CommandLine::isVerb(QString::fromLocal8Bit(argv[1])))
        return runCommand(argc, argv);
    return runWindow(argc, argv);
}
