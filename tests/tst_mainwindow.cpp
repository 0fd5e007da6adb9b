#include "findbar.h"
#include "importing/importcontroller.h"
#include "importing/importer.h"
#include "importing/samples.h"
#include "importprogress.h"
#include "library/librarystore.h"
#include "librarypanel.h"
#include "mainwindow.h"
#include "models/articlelistmodel.h"
#include "readerview.h"
#include "testsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<Library> openSeeded(const QString &path)
{
    auto library = Library::open(path);
    if (!library)
        return {};
    if ((*library)->isNew())
        Samples::importInto((*library)->writer());
    return std::move(*library);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void opensOnFirstArticleAndReadsIt();
    void pickingAnArticleShowsIt();
    void typingInSearchFiltersTheList();
    void findInArticleSelectsAndEscapeKeepsIt();
    void zoomChangesTextSize();
    void keyboardMovesBetweenArticles();
    void importRunsInBackgroundAndShowsFirst();
    void importFailuresAreReported();
    void droppedFilesAreImported();
    void lastArticleIsRemembered();
    void damageFoundLaterStopsWritesAndOffersRecovery();
    void screenshot();

private:
    QString libraryPath() const { return m_dir->filePath(u"library.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"GlossTests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMainWindow::opensOnFirstArticleAndReadsIt()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.articleModel()->matchCount(), 3);
    QCOMPARE(window.statusCountText(), u"3 articles"_s);
    // Newest first: the welcome note opens without the user doing anything.
    QCOMPARE(window.reader()->article().title, u"Welcome to Gloss"_s);
    QVERIFY(window.reader()->toPlainText().startsWith(u"Welcome to Gloss"_s));
}

void TestMainWindow::pickingAnArticleShowsIt()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *list = window.libraryPanel()->view();
    QModelIndex gilmore;
    for (int row = 0; row < window.articleModel()->rowCount(); ++row) {
        const QModelIndex index = window.articleModel()->index(row, 0);
        if (index.data().toString() == u"Gilmore Girls"_s)
            gilmore = index;
    }
    QVERIFY(gilmore.isValid());
    QSignalSpy shown(&window, &MainWindow::articleShown);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(gilmore).center());
    QCOMPARE(shown.size(), 1);
    QCOMPARE(window.reader()->article().title, u"Gilmore Girls"_s);
    const QString text = window.reader()->toPlainText();
    QVERIFY(text.contains(u"It was a rocky romantic road"_s));
    QVERIFY(text.contains(u"| Credit: Warner Bros. TV"_s));
    // The body in the document is the stored body, offset by the header.
    QCOMPARE(text.mid(window.reader()->bodyStart()), window.reader()->article().body());
}

void TestMainWindow::typingInSearchFiltersTheList()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QLineEdit *search = window.libraryPanel()->searchField();
    search->setFocus();
    QTest::keyClicks(search, u"ventim"_s);
    QTRY_COMPARE(window.articleModel()->matchCount(), 1);
    QTRY_COMPARE(window.articleModel()->rowCount(), 1);
    QCOMPARE(window.articleModel()->index(0, 0).data().toString(), u"Gilmore Girls"_s);
    QVERIFY(!window.libraryPanel()->view()->isColumnHidden(ArticleListModel::MatchColumn));
    QCOMPARE(window.statusCountText(), u"1 of 3 articles match"_s);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(window.reader()->article().title, u"Gilmore Girls"_s);

    search->clear();
    QTRY_COMPARE(window.articleModel()->matchCount(), 3);
    QVERIFY(window.libraryPanel()->view()->isColumnHidden(ArticleListModel::MatchColumn));
    QTest::keyClicks(search, u"no such words anywhere "_s);
    QTRY_COMPARE(window.articleModel()->matchCount(), 0);
}

void TestMainWindow::findInArticleSelectsAndEscapeKeepsIt()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showArticle(window.articleModel()->articleIdAt(2)));
    QCOMPARE(window.reader()->article().title, u"Gilmore Girls"_s);
    window.reader()->setFocus();
    QTest::keyClick(window.reader(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.findBar()->isVisible());
    QTest::keyClicks(QApplication::focusWidget(), u"more story to tell"_s);
    QCOMPARE(window.reader()->textCursor().selectedText(), u"more story to tell"_s);
    QCOMPARE(window.findBar()->matchCount(), 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!window.findBar()->isVisible());
    QCOMPARE(window.reader()->textCursor().selectedText(), u"more story to tell"_s);
    QCOMPARE(QApplication::focusWidget(), window.reader());

    // F3 searches again and wraps around.
    window.findBar()->activate();
    QApplication::focusWidget()->setProperty("text", u"Ventimiglia"_s);
    QTest::keyClicks(QApplication::focusWidget(), QString());
    window.findBar()->findNext();
    const int first = window.reader()->textCursor().selectionStart();
    window.findBar()->findNext();
    QVERIFY(window.reader()->textCursor().selectionStart() != first);
}

void TestMainWindow::zoomChangesTextSize()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const qreal before = window.reader()->document()->defaultFont().pointSizeF();
    window.reader()->setFocus();
    QTest::keyClick(window.reader(), Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(window.reader()->zoomSteps(), 1);
    QVERIFY(window.reader()->document()->defaultFont().pointSizeF() > before);
    QTest::keyClick(window.reader(), Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(window.reader(), Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(window.reader()->zoomSteps(), -1);
    QVERIFY(window.reader()->document()->defaultFont().pointSizeF() < before);
}

void TestMainWindow::keyboardMovesBetweenArticles()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const qint64 first = window.reader()->articleId();
    window.reader()->setFocus();
    QTest::keyClick(window.reader(), Qt::Key_Down, Qt::AltModifier);
    QVERIFY(window.reader()->articleId() != first);
    QCOMPARE(window.reader()->articleId(), window.articleModel()->articleIdAt(1));
    QTest::keyClick(window.reader(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(window.reader()->articleId(), first);
}

void TestMainWindow::importRunsInBackgroundAndShowsFirst()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QDir files(m_dir->filePath(u"in"_s));
    for (int i = 0; i < 30; ++i)
        TestSupport::writeFile(files, u"%1.txt"_s.arg(i, 2, 10, QChar(u'0')),
            u"Imported %1\n\nSome body text %1."_s.arg(i).toUtf8());
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({ files.path() }, true));
    QVERIFY(window.imports()->isRunning());
    QVERIFY(window.importProgress()->isVisible());
    QVERIFY(finished.wait(20000));
    QVERIFY(!window.importProgress()->isVisible());
    QCOMPARE(window.articleModel()->matchCount(), 33);
    QCOMPARE(window.statusCountText(), u"33 articles"_s);
    QCOMPARE(window.reader()->article().title, u"Imported 0"_s); // first file read, 00.txt
}

void TestMainWindow::importFailuresAreReported()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QDir files(m_dir->filePath(u"bad"_s));
    TestSupport::writeFile(files, u"empty.txt"_s, QByteArray());
    TestSupport::writeFile(files, u"good.txt"_s, "Good one\n\nText.");
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QVERIFY(window.importPaths({ files.path() }));
    QVERIFY(finished.wait(20000));
    QVERIFY(window.importReport());
    QVERIFY(window.importReport()->detailedText().contains(u"empty.txt: The file is empty."_s));
    QVERIFY(window.importReport()->text().contains(u"imported 1"_s));
    window.importReport()->close();
    QCOMPARE(window.articleModel()->matchCount(), 4);
}

void TestMainWindow::droppedFilesAreImported()
{
    MainWindow window(openSeeded(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString file = TestSupport::writeFile(
        QDir(m_dir->path()), u"dropped.md"_s, "# Dropped story\n\nIt arrived by drag and drop.");
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(file) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(&window, &drop);
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.reader()->article().title, u"Dropped story"_s);
    QCOMPARE(window.articleModel()->matchCount(), 4);

    // Text without files is not taken for an import.
    QMimeData text;
    text.setText(u"just words"_s);
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, {});
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestMainWindow::lastArticleIsRemembered()
{
    qint64 chosen = 0;
    {
        MainWindow window(openSeeded(libraryPath()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        chosen = window.articleModel()->articleIdAt(2);
        QVERIFY(window.showArticle(chosen));
        window.reader()->setZoomSteps(2);
        window.close();
    }
    auto store = Library::open(libraryPath());
    QVERIFY(store.ok());
    MainWindow window(std::move(*store));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.reader()->articleId(), chosen);
    QCOMPARE(window.libraryPanel()->currentArticleId(), chosen);
    QCOMPARE(window.reader()->zoomSteps(), 2);
}

void TestMainWindow::damageFoundLaterStopsWritesAndOffersRecovery()
{
    {
        auto library = TestSupport::openLibrary(libraryPath(), Library::Writing::Inline);
        const ImportSummary summary = Importer(library->writer())
                                          .run({ TestSupport::writeArticles(
                                              QDir(m_dir->path()), u"in"_s, 120) });
        QCOMPARE(summary.imported, 120);
    }
    QVERIFY(TestSupport::damagePage(libraryPath(), u"article_texts"_s));
    // As with a library too large to check in a moment: it opens, and the worker finds it.
    LibraryStore::setQuickCheckBudget(0);
    auto opened = Library::open(libraryPath());
    LibraryStore::setQuickCheckBudget(1500);
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(!(*opened)->checkedWhole());

    QString offered;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->objectName() == u"damagedLibrary"_s) {
            offered = box->text();
            TestSupport::shoot(box, u"damaged-library"_s);
            box->button(QMessageBox::Close)->click();
        }
    });
    answer.start(20);
    MainWindow window(std::move(*opened));
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!offered.isEmpty(), 20000);
    QVERIFY2(offered.contains(u"damaged"_s), qPrintable(offered));
    QCOMPARE(window.damage(), offered);

    // From then on nothing is written into it.
    const QByteArray before = TestSupport::readFile(libraryPath());
    const Result<void> refused = window.library()->writer().write(
        [](LibraryStore &) -> Result<void> { return {}; });
    QVERIFY(!refused);
    QCOMPARE(refused.kind(), ErrorKind::Damaged);
    QCOMPARE(TestSupport::readFile(libraryPath()), before);

    // Recovering opens the copy, whole, with every article (the texts were under the page).
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            box && box->icon() == QMessageBox::Information)
            box->accept();
    });
    const QString copy = m_dir->filePath(u"copy.sqlite"_s);
    QVERIFY(window.recoverLibrary(libraryPath(), copy));
    QCOMPARE(window.library()->path(), copy);
    QTRY_COMPARE(window.articleModel()->rowCount(), 120);
    QVERIFY(window.damage().isEmpty());
    QCOMPARE(TestSupport::readFile(libraryPath()), before);
}

void TestMainWindow::screenshot()
{
    // Kept as an artefact for the docs and for looking at the window as a user would.
    const QString target = qEnvironmentVariable("GLOSS_SCREENSHOT");
    if (target.isEmpty())
        QSKIP("set GLOSS_SCREENSHOT=file.png to save a screenshot");
    MainWindow window(openSeeded(libraryPath()));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showArticle(window.articleModel()->articleIdAt(2));
    QVERIFY(window.grab().save(target));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
