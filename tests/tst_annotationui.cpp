#include "annotation/annotationservice.h"
#include "annotationcontroller.h"
#include "core/zipwriter.h"
#include "exportdialog.h"
#include "findbar.h"
#include "highlightspanel.h"
#include "importing/samples.h"
#include "library/librarystore.h"
#include "librarypanel.h"
#include "mainwindow.h"
#include "models/articlelistmodel.h"
#include "models/highlightmodel.h"
#include "models/quotationmodel.h"
#include "models/speakerlistmodel.h"
#include "models/taggedhighlightsmodel.h"
#include "models/tagtreemodel.h"
#include "notedialog.h"
#include "quotes/quotationservice.h"
#include "quotescontroller.h"
#include "quotespanel.h"
#include "readerview.h"
#include "selectiontoolbar.h"
#include "speakerdialog.h"
#include "speakerspanel.h"
#include "tagpicker.h"
#include "tagspanel.h"
#include "testsupport.h"

#include <QAction>
#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QUndoGroup>

using namespace Qt::StringLiterals;

class TestAnnotationUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void selectPressHThenTAndType();
    void keyboardOnlyFlowFindHighlightTagQuit();
    void noteWithNKey();
    void badSelectionsShowAMessage();
    void overlappingHighlightsAreDrawnTogether();
    void deleteAndUndoFromKeyboard();
    void shiftArrowsChangeTheActiveHighlight();
    void panelClickRevealsAndOrphansReattach();
    void tagsPanelOpensArticleAndFiltersLibrary();
    void floatingToolbarHighlights();
    void colourNamesShowInTheMenu();
    void tooltipShowsTagsAndNote();
    void exportDialogPreviewsAndWrites();
    void importAnnotationsFromTheWindow();
    void unmatchedAnnotationsGoOnTheOpenArticle();
    void projectOpensWithItsSources();
    void quotesPanelHighlightsASpeaker();
    void correctSpeakerInTheQuotesPanel();
    void speakersPanelListsTheLibraryAndFiltersIt();
    void screenshot();

private:
    void selectInBody(const QString &text);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    ReaderView *reader() const { return m_window->reader(); }
    AnnotationController *annotations() const { return m_window->annotations(); }
    LibraryStore *store() const { return m_window->store(); }
    void openGilmore();
};

void TestAnnotationUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"GlossTests"_s);
    QCoreApplication::setApplicationName(u"tst_annotationui"_s);
}

void TestAnnotationUi::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    auto store = Library::open(m_dir->filePath(u"library.sqlite"_s));
    QVERIFY(store.ok());
    Samples::importInto((*store)->writer());
    m_window = std::make_unique<MainWindow>(std::move(*store));
    m_window->resize(1300, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    openGilmore();
}

void TestAnnotationUi::cleanup()
{
    m_window.reset();
}

void TestAnnotationUi::openGilmore()
{
    const Result<QList<SearchHit>> hits = store()->search(u"Ventimiglia "_s, 1);
    QVERIFY(hits.ok() && !hits->isEmpty());
    QVERIFY(m_window->showArticle(hits->front().article.id));
    QCOMPARE(reader()->article().title, u"Gilmore Girls"_s);
    reader()->setFocus();
}

void TestAnnotationUi::selectInBody(const QString &text)
{
    const int start = int(reader()->body().indexOf(text));
    QVERIFY(start >= 0);
    QTextCursor cursor(reader()->document());
    cursor.setPosition(reader()->bodyStart() + start);
    cursor.setPosition(reader()->bodyStart() + start + int(text.size()), QTextCursor::KeepAnchor);
    reader()->setTextCursor(cursor);
}

void TestAnnotationUi::selectPressHThenTAndType()
{
    selectInBody(u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    const auto highlights = annotations()->service()->store().highlightsOf(reader()->articleId());
    QCOMPARE(highlights->size(), 1);
    QCOMPARE(highlights->front().anchor.exact, u"more story to tell"_s);
    QCOMPARE(reader()->activeHighlight(), highlights->front().id);

    QTest::keyClick(reader(), Qt::Key_T);
    TagPicker *picker = annotations()->tagPicker();
    QVERIFY(picker && picker->isVisible());
    QTest::keyClicks(picker->field(), u"Speaker/Milo Ventimiglia"_s);
    QTest::keyClick(picker->field(), Qt::Key_Return);
    QTRY_VERIFY(!picker || !picker->isVisible());

    // In the store…
    const Result<Highlight> stored
        = annotations()->service()->store().highlight(highlights->front().id);
    QCOMPARE(stored->tagIds.size(), 1);
    QCOMPARE(annotations()->service()->store().tag(stored->tagIds.front())->path,
        u"Speaker/Milo Ventimiglia"_s);
    // …in the panel…
    QListView *list = annotations()->highlightsPanel()->view();
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(list->model()->index(0, 0).data(HighlightModel::TagPathsRole).toStringList(),
        QStringList { u"Speaker/Milo Ventimiglia"_s });
    // …in the tags tree, and drawn in the reader.
    QCOMPARE(annotations()->tagModel()->paths(),
        (QStringList { u"Speaker"_s, u"Speaker/Milo Ventimiglia"_s }));
    QVERIFY(!reader()->extraSelections().isEmpty());
}

void TestAnnotationUi::keyboardOnlyFlowFindHighlightTagQuit()
{
    QTest::keyClick(reader(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_window->findBar()->isVisible());
    QTest::keyClicks(QApplication::focusWidget(), u"developmental change"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), reader());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_H);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_T);
    QTRY_VERIFY(annotations()->tagPicker() && annotations()->tagPicker()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), annotations()->tagPicker()->field());
    QTest::keyClicks(QApplication::focusWidget(), u"Theme/Growing up"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(!annotations()->tagPicker() || !annotations()->tagPicker()->isVisible());
    const qint64 article = reader()->articleId();
    const QString path = store()->path();
    // Ctrl+Q quits; everything is already in the library.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(reader(), Qt::Key_Q, Qt::ControlModifier);
    QVERIFY(!m_window->isVisible());
    m_window.reset();
    auto reopened = LibraryStore::open(path);
    QVERIFY(reopened.ok());
    AnnotationStore annotations(**reopened);
    const auto highlights = annotations.highlightsOf(article);
    QCOMPARE(highlights->size(), 1);
    QCOMPARE(highlights->front().anchor.exact, u"developmental change"_s);
    QCOMPARE(annotations.tag(highlights->front().tagIds.front())->path, u"Theme/Growing up"_s);
}

void TestAnnotationUi::noteWithNKey()
{
    selectInBody(u"Jess and Rory"_s);
    QTest::keyClick(reader(), Qt::Key_N); // highlights the selection and opens the note
    NoteDialog *dialog = annotations()->noteDialog();
    QVERIFY(dialog && dialog->isVisible());
    QTest::keyClicks(dialog->editor(), u"Recurring *pairing*"_s);
    QTest::keyClick(dialog->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(!annotations()->noteDialog() || !annotations()->noteDialog()->isVisible());
    const auto highlights = annotations()->service()->store().highlightsOf(reader()->articleId());
    QCOMPARE(highlights->size(), 1);
    QCOMPARE(highlights->front().note, u"Recurring *pairing*"_s);
}

void TestAnnotationUi::badSelectionsShowAMessage()
{
    QTextCursor cursor(reader()->document());
    cursor.setPosition(0);
    cursor.setPosition(5, QTextCursor::KeepAnchor); // inside the title
    reader()->setTextCursor(cursor);
    QTest::keyClick(reader(), Qt::Key_H);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"Only the article's text"_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    cursor.setPosition(reader()->bodyStart() + 3);
    reader()->setTextCursor(cursor);
    QTest::keyClick(reader(), Qt::Key_H);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"Select some text"_s));
    const int space = int(reader()->body().indexOf(u" "_s));
    cursor.setPosition(reader()->bodyStart() + space);
    cursor.setPosition(reader()->bodyStart() + space + 1, QTextCursor::KeepAnchor);
    reader()->setTextCursor(cursor);
    QTest::keyClick(reader(), Qt::Key_H);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"only spaces"_s));
    QCOMPARE(annotations()->service()->store().highlightCount().valueOr(-1), 0);

    selectInBody(u"Jess and Rory"_s);
    QTest::keyClick(reader(), Qt::Key_T);
    TagPicker *picker = annotations()->tagPicker();
    QTest::keyClicks(picker->field(), u"!!!"_s);
    QTest::keyClick(picker->field(), Qt::Key_Return);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"letter or digit"_s));
    QCOMPARE(annotations()->service()->store().tagCount().valueOr(-1), 0);
}

void TestAnnotationUi::overlappingHighlightsAreDrawnTogether()
{
    selectInBody(u"Jess and Rory's relationship"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    selectInBody(u"Rory's"_s);
    QTest::keyClick(reader(), Qt::Key_2); // green
    QCOMPARE(annotations()->highlightModel()->rowCount(), 2);
    const QList<QTextEdit::ExtraSelection> drawn = reader()->extraSelections();
    QVERIFY(drawn.size() >= 2);
    // Both fills are translucent, so the overlap shows both colours.
    for (const QTextEdit::ExtraSelection &selection : drawn) {
        if (selection.format.hasProperty(QTextFormat::BackgroundBrush))
            QVERIFY(selection.format.background().color().alpha() < 255);
    }
}

void TestAnnotationUi::deleteAndUndoFromKeyboard()
{
    selectInBody(u"podcast above"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 1);
    QTest::keyClick(reader(), Qt::Key_Delete);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 0);
    QTest::keyClick(reader(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 1);
    QTest::keyClick(reader(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 0);
    QVERIFY(m_window->history()->stack()->canUndo());
}

void TestAnnotationUi::shiftArrowsChangeTheActiveHighlight()
{
    selectInBody(u"more story"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    const qint64 id = reader()->activeHighlight();
    QVERIFY(annotations()->service()->setNote(id, u"kept"_s).ok());
    for (int i = 0; i < 8; ++i)
        QTest::keyClick(reader(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(
        annotations()->service()->store().highlight(id)->anchor.exact, u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_Right, Qt::ShiftModifier | Qt::AltModifier);
    QCOMPARE(annotations()->service()->store().highlight(id)->anchor.exact, u"ore story to tell"_s);
    QCOMPARE(annotations()->service()->store().highlight(id)->note, u"kept"_s);
}

void TestAnnotationUi::panelClickRevealsAndOrphansReattach()
{
    selectInBody(u"Listen to Ventimiglia"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    selectInBody(u"It was a rocky romantic road"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    HighlightsPanel *panel = annotations()->highlightsPanel();
    QListView *list = panel->view();
    QCOMPARE(list->model()->rowCount(), 2);
    // Text order: the first paragraph's highlight comes first.
    QCOMPARE(list->model()->index(0, 0).data().toString(), u"It was a rocky romantic road"_s);
    const QRect second = list->visualRect(list->model()->index(1, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, second.center());
    const qint64 last
        = list->model()->index(1, 0).data(HighlightModel::HighlightIdRole).toLongLong();
    QCOMPARE(reader()->activeHighlight(), last);
    QCOMPARE(reader()->textCursor().position(),
        reader()->bodyStart() + int(reader()->body().indexOf(u"Listen to"_s)));

    // Make it an orphan by changing the stored text, then re-attach it by selecting new text.
    Article changed = reader()->article();
    changed.paragraphs.back().text = u"Hear the whole interview on the podcast."_s;
    changed.updateContentHash();
    QVERIFY(store()->upsertArticle(changed).ok());
    QVERIFY(m_window->showArticle(changed.id));
    QCOMPARE(annotations()->service()->store().highlight(last)->status, AnchorStatus::Orphaned);
    QCOMPARE(list->model()->index(1, 0).data(HighlightModel::StatusRole).toString(), u"orphaned"_s);
    panel->orphansOnlyBox()->setChecked(true);
    QVERIFY(list->isRowHidden(0));
    QVERIFY(!list->isRowHidden(1));
    panel->orphansOnlyBox()->setChecked(false);
    QVERIFY(!list->isRowHidden(0));
    panel->selectHighlight(last);
    selectInBody(u"Hear the whole interview"_s);
    const auto buttons = panel->findChildren<QToolButton *>();
    for (QToolButton *button : buttons) {
        if (button->text() == u"Re-attach"_s)
            button->click();
    }
    QCOMPARE(annotations()->service()->store().highlight(last)->status, AnchorStatus::Exact);
    QCOMPARE(annotations()->service()->store().highlight(last)->anchor.exact,
        u"Hear the whole interview"_s);
}

void TestAnnotationUi::tagsPanelOpensArticleAndFiltersLibrary()
{
    selectInBody(u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    const qint64 highlight = reader()->activeHighlight();
    const qint64 tag = *annotations()->service()->addTag(highlight, u"Quote"_s);
    const qint64 gilmore = reader()->articleId();
    m_window->libraryPanel()->moveSelection(-2); // to another article
    QVERIFY(reader()->articleId() != gilmore);

    TagsPanel *tags = annotations()->tagsPanel();
    tags->selectTag(tag);
    QTreeView *listed = tags->highlightView();
    QCOMPARE(listed->model()->rowCount(), 1);
    const QModelIndex row = listed->model()->index(0, 0);
    QSignalSpy shown(m_window.get(), &MainWindow::articleShown);
    const QPoint centre = listed->visualRect(row).center();
    QTest::mouseClick(listed->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(listed->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(reader()->articleId(), gilmore);
    QCOMPARE(reader()->activeHighlight(), highlight);

    tags->filterBox()->setChecked(true);
    QCOMPARE(m_window->articleModel()->matchCount(), 1);
    tags->filterBox()->setChecked(false);
    QCOMPARE(m_window->articleModel()->matchCount(), 3);

    // Deleting a tag asks first; Yes removes it, undo brings it back.
    const auto buttons = tags->findChildren<QToolButton *>();
    for (QToolButton *button : buttons) {
        if (button->text() == u"Delete"_s)
            button->click();
    }
    auto *confirm = m_window->findChild<QMessageBox *>(u"confirmTagDeletion"_s);
    QVERIFY(confirm && confirm->isVisible());
    confirm->button(QMessageBox::Yes)->click();
    QCOMPARE(annotations()->service()->store().tagCount().valueOr(-1), 0);
    QVERIFY(m_window->history()->undo().ok());
    QCOMPARE(annotations()->service()->store().tagCount().valueOr(-1), 1);
    QCOMPARE(annotations()->service()->store().highlight(highlight)->tagIds, QList<qint64> { tag });
}

void TestAnnotationUi::floatingToolbarHighlights()
{
    const int start = int(reader()->body().indexOf(u"Stars Hollow"_s));
    QTextCursor cursor(reader()->document());
    cursor.setPosition(reader()->bodyStart() + start);
    cursor.setPosition(reader()->bodyStart() + start + 12);
    reader()->setTextCursor(cursor);
    reader()->ensureCursorVisible();
    QTextCursor begin(reader()->document());
    begin.setPosition(reader()->bodyStart() + start);
    const QPoint a = reader()->cursorRect(begin).center();
    const QPoint b = reader()->cursorRect(cursor).center();
    QTest::mousePress(reader()->viewport(), Qt::LeftButton, {}, a);
    QTest::mouseMove(reader()->viewport(), b);
    QTest::mouseRelease(reader()->viewport(), Qt::LeftButton, {}, b);
    QTRY_VERIFY(reader()->textCursor().hasSelection());
    SelectionToolbar *toolbar = annotations()->selectionToolbar();
    QTRY_VERIFY(toolbar->isVisible());
    auto *pink = toolbar->findChild<QToolButton *>(u"color-pink"_s);
    QVERIFY(pink);
    pink->click();
    const auto highlights = annotations()->service()->store().highlightsOf(reader()->articleId());
    QCOMPARE(highlights->size(), 1);
    QCOMPARE(highlights->front().color, u"pink"_s);
    QCOMPARE(highlights->front().anchor.exact, u"Stars Hollow"_s);
}

void TestAnnotationUi::colourNamesShowInTheMenu()
{
    QVERIFY(annotations()->service()->setColorName(u"yellow"_s, u"key point"_s).ok());
    bool found = false;
    for (QAction *action : reader()->actions())
        found = found || action->text() == u"Yellow — key point"_s;
    QVERIFY(found);
    QVERIFY(m_window->history()->undo().ok());
    for (QAction *action : reader()->actions())
        QVERIFY(!action->text().contains(u"key point"_s));
}

void TestAnnotationUi::tooltipShowsTagsAndNote()
{
    selectInBody(u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    const qint64 id = reader()->activeHighlight();
    QVERIFY(annotations()->service()->addTag(id, u"Quote"_s).ok());
    QVERIFY(annotations()->service()->setNote(id, u"First line\nsecond line"_s).ok());
    QTextCursor cursor(reader()->document());
    cursor.setPosition(reader()->bodyStart() + int(reader()->body().indexOf(u"story to"_s)));
    reader()->ensureCursorVisible();
    const QPoint inViewport = reader()->cursorRect(cursor).center() + QPoint(2, 0);
    const QPoint inWidget = reader()->viewport()->mapTo(reader(), inViewport);
    QHelpEvent help(QEvent::ToolTip, inWidget, reader()->mapToGlobal(inWidget));
    QApplication::sendEvent(reader(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), u"#Quote — First line"_s);
    QToolTip::hideText();
}

void TestAnnotationUi::exportDialogPreviewsAndWrites()
{
    selectInBody(u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    QVERIFY(annotations()->service()->addTag(reader()->activeHighlight(), u"Quote"_s).ok());
    m_window->activateWindow();
    QTest::keyClick(reader(), Qt::Key_E, Qt::ControlModifier);
    auto *dialog = m_window->findChild<ExportDialog *>(u"exportDialog"_s);
    QVERIFY(dialog && dialog->isVisible());
    dialog->formatBox()->setCurrentIndex(0); // Markdown
    QTRY_VERIFY(dialog->previewText().contains(u"> more story to tell"_s));
    if (const QString shot = qEnvironmentVariable("GLOSS_SCREENSHOT_EXPORT"); !shot.isEmpty())
        dialog->grab().save(shot);
    QVERIFY(dialog->previewText().contains(u"#Quote"_s));
    dialog->formatBox()->setCurrentIndex(1); // CSV
    QTRY_VERIFY(dialog->previewText().startsWith(u"article_title,"_s));
    dialog->tagScopeButton()->setChecked(true);
    // The Export… button's way: on a worker. A place that cannot be written is reported and
    // the dialog stays; the dialog closes (and goes: the window made it to delete itself on
    // close) when the file is written.
    QSignalSpy finished(dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog->startExport(u"/nonexistent/folder/x.csv"_s));
    QVERIFY(!dialog->startExport(u"/nonexistent/folder/x.csv"_s)); // one at a time
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.back().front().toBool());
    auto *error = dialog->findChild<QMessageBox *>(u"exportError"_s);
    QVERIFY(error && error->isVisible());
    error->close();
    QVERIFY(dialog->isVisible());
    // A PDF is read on the worker and laid out on this thread.
    dialog->formatBox()->setCurrentIndex(3);
    const QString pdf = m_dir->filePath(u"from-dialog.pdf"_s);
    QVERIFY(dialog->startExport(pdf));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QVERIFY(finished.back().front().toBool());
    QVERIFY(TestSupport::readFile(pdf).startsWith("%PDF"));
    QTRY_VERIFY(m_window->findChildren<ExportDialog *>().isEmpty());

    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    reader()->setFocus();
    QTest::keyClick(reader(), Qt::Key_E, Qt::ControlModifier);
    QPointer<ExportDialog> second = m_window->findChild<ExportDialog *>(u"exportDialog"_s);
    QVERIFY(second && second->isVisible());
    second->formatBox()->setCurrentIndex(1); // CSV
    second->tagScopeButton()->setChecked(true);
    QSignalSpy inBackground(second.data(), &ExportDialog::exportFinished);
    const QString again = m_dir->filePath(u"in-background.csv"_s);
    QVERIFY(second->startExport(again));
    QVERIFY(inBackground.wait(20000));
    QVERIFY(inBackground.front().front().toBool());
    QVERIFY(TestSupport::readFile(again).contains("more story to tell"));
    // One highlight, the one with the tag.
    QCOMPARE(TestSupport::readFile(again).count("Gilmore Girls,2021"), 1);
    QTRY_VERIFY(!second);

    // Several articles selected in the list: the dialog offers them as the scope.
    QTreeView *list = m_window->libraryPanel()->view();
    list->selectAll();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    reader()->setFocus();
    QTest::keyClick(reader(), Qt::Key_E, Qt::ControlModifier);
    dialog = nullptr;
    for (ExportDialog *candidate : m_window->findChildren<ExportDialog *>()) {
        if (candidate->isVisible())
            dialog = candidate;
    }
    QVERIFY(dialog && dialog->selectionScopeButton()->isEnabled());
    QVERIFY(dialog->selectionScopeButton()->text().contains(u"(3)"_s));
    dialog->selectionScopeButton()->setChecked(true);
    QCOMPARE(dialog->scope().articleIds.size(), 3);
    dialog->formatBox()->setCurrentIndex(0);
    dialog->perArticleBox()->setChecked(true);
    QVERIFY(dialog->writesFolder());
    QSignalSpy toFolder(dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog->startExport(m_dir->filePath(u"notes"_s)));
    QVERIFY(toFolder.wait(20000));
    QVERIFY(toFolder.front().front().toBool());
    QVERIFY(TestSupport::readFile(m_dir->filePath(u"notes/Gilmore Girls.md"_s))
                .contains("> more story to tell"));
}

void TestAnnotationUi::importAnnotationsFromTheWindow()
{
    selectInBody(u"more story to tell"_s);
    QTest::keyClick(reader(), Qt::Key_H);
    QVERIFY(annotations()->service()->addTag(reader()->activeHighlight(), u"Quote"_s).ok());
    const QString file = m_dir->filePath(u"mine.json"_s);
    QVERIFY(Exporters::writeAtomically(file, Exporters::w3cJson(*ExportSet::collect(*store(), {})))
                .ok());
    QVERIFY(annotations()->service()->deleteHighlight(reader()->activeHighlight()).ok());
    QCOMPARE(annotations()->highlightModel()->rowCount(), 0);
    // It runs on a worker; the window stays usable and is told when it is done.
    QSignalSpy finished(m_window.get(), &MainWindow::annotationImportFinished);
    QVERIFY(m_window->importAnnotationsFrom(file));
    QVERIFY(!m_window->importAnnotationsFrom(file)); // one import at a time
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.front().front().toBool());
    QCOMPARE(annotations()->highlightModel()->rowCount(), 1);
    QCOMPARE(annotations()->highlightModel()->index(0).data().toString(), u"more story to tell"_s);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"added 1"_s));

    // A file that is not annotations is reported, and nothing changes.
    const QString bad = TestSupport::writeFile(QDir(m_dir->path()), u"bad.json"_s, "{ nope");
    QVERIFY(m_window->importAnnotationsFrom(bad));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.back().front().toBool());
    auto *box = m_window->findChild<QMessageBox *>(u"annotationImportError"_s);
    QVERIFY(box && box->isVisible());
    QVERIFY(box->text().contains(u"bad.json"_s));
    box->close();
    QCOMPARE(annotations()->highlightModel()->rowCount(), 1);
}

void TestAnnotationUi::unmatchedAnnotationsGoOnTheOpenArticle()
{
    // Annotations of a page saved from an address they do not name: the report offers to put
    // them on the article being read, and doing so places them.
    const QString file = TestSupport::writeFile(QDir(m_dir->path()), u"elsewhere.json"_s,
        R"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:e:1", "type": "Annotation",
           "body": {"type": "TextualBody", "value": "Seen here", "purpose": "commenting"},
           "target": {"source": "https://elsewhere.example/story", "selector":
             {"type": "TextQuoteSelector", "exact": "more story to tell"}}})");
    QSignalSpy finished(m_window.get(), &MainWindow::annotationImportFinished);
    QVERIFY(m_window->importAnnotationsFrom(file));
    QVERIFY(finished.wait(10000));
    QMessageBox *box = m_window->annotationReport();
    QVERIFY(box && box->isVisible());
    QVERIFY(box->detailedText().contains(u"elsewhere.example"_s));
    TestSupport::shoot(box, u"annotations-elsewhere"_s);
    QAbstractButton *place = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text().startsWith(u"Place Them on"_s))
            place = button;
    }
    QVERIFY(place);
    place->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(annotations()->highlightModel()->rowCount(), 1);
    QCOMPARE(annotations()->highlightModel()->index(0).data().toString(), u"more story to tell"_s);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"added 1"_s));
}

void TestAnnotationUi::projectOpensWithItsSources()
{
    ZipWriter zip;
    zip.addFile(u"Project.qde"_s, R"(<Project xmlns="urn:QDA-XML:project:1.0" name="P" origin="NVivo 14">
      <CodeBook><Codes><Code guid="c1" name="Theme" isCodable="true"/></Codes></CodeBook>
      <Sources>
        <TextSource guid="s1" name="Interview one.txt" plainTextPath="internal://s1.txt">
          <PlainTextSelection guid="p1" name="budget" startPosition="4" endPosition="10">
            <Coding guid="g1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection></TextSource>
        <TextSource guid="s2" name="Interview two.txt" plainTextPath="internal://s2.txt">
          <PlainTextSelection guid="p2" name="school" startPosition="4" endPosition="10">
            <Coding guid="g2"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection></TextSource>
      </Sources></Project>)");
    zip.addFile(u"Sources/s1.txt"_s, "The budget passed on Monday.");
    const QString file = TestSupport::writeFile(QDir(m_dir->path()), u"project.qdpx"_s, zip.finish());
    const int before = m_window->articleModel()->rowCount();
    QSignalSpy finished(m_window.get(), &MainWindow::annotationImportFinished);
    QVERIFY(m_window->openProject(file));
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.back().front().toBool());
    QTRY_COMPARE(m_window->articleModel()->rowCount(), before + 1);
    // The second source's file is not in the archive: the report says so and offers a folder.
    QMessageBox *box = m_window->annotationReport();
    QVERIFY(box && box->isVisible());
    QVERIFY(box->detailedText().contains(u"Interview two"_s));
    TestSupport::shoot(box, u"project-report"_s);
    const QList<QAbstractButton *> buttons = box->buttons();
    QVERIFY(std::any_of(buttons.cbegin(), buttons.cend(),
        [](QAbstractButton *b) { return b->text().startsWith(u"Look for Sources"_s); }));
    box->close();
    // Given the folder, the missing source comes in; what came before is not doubled.
    const QString folder = m_dir->filePath(u"texts"_s);
    TestSupport::writeFile(QDir(folder), u"Interview two.txt"_s, "The school opened in May.");
    AnnotationImportOptions options;
    options.sourcesFolder = folder;
    QVERIFY(m_window->openProject(file, options));
    QVERIFY(finished.wait(10000));
    QTRY_COMPARE(m_window->articleModel()->rowCount(), before + 2);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"added 1, already there 1"_s));
}

void TestAnnotationUi::quotesPanelHighlightsASpeaker()
{
    QuotationModel *quotes = m_window->quotes()->quotationModel();
    QCOMPARE(quotes->rowCount(), 1);
    const QModelIndex milo = quotes->index(0, 0);
    QVERIFY(milo.data().toString().startsWith(u"Milo Ventimiglia  (10)"_s));
    QCOMPARE(quotes->rowCount(milo), 10);
    QVERIFY(m_window->quotes()->quotesPanel()->view()->isExpanded(milo));
    // Marks in the text, toggled from the View menu and remembered.
    QAction *marks = m_window->findChild<QAction *>(u"showQuotationsAction"_s);
    QVERIFY(marks && !marks->isChecked());
    const int before = int(reader()->extraSelections().size());
    marks->trigger();
    QVERIFY(reader()->extraSelections().size() > before);
    QVERIFY(QSettings().value(u"reader/showQuotations"_s).toBool());
    // Hovering a marked quotation says who said it.
    QTextCursor cursor(reader()->document());
    cursor.setPosition(reader()->bodyStart() + int(reader()->body().indexOf(u"story to"_s)));
    reader()->setTextCursor(cursor);
    reader()->ensureCursorVisible();
    const QPoint inWidget = reader()->viewport()->mapTo(
        reader(), reader()->cursorRect(cursor).center() + QPoint(2, 0));
    QHelpEvent help(QEvent::ToolTip, inWidget, reader()->mapToGlobal(inWidget));
    QApplication::sendEvent(reader(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), u"Quotation: Milo Ventimiglia"_s);
    QToolTip::hideText();
    marks->trigger();
    QCOMPARE(int(reader()->extraSelections().size()), before);

    const int undoBefore = annotations()->service()->undoStack()->count();
    m_window->quotes()->quotesPanel()->extraTagField()->setText(u"Theme/Reunion"_s);
    m_window->quotes()->highlightQuotations(milo);
    QCOMPARE(annotations()
                 ->service()
                 ->store()
                 .tag(*annotations()->service()->store().tagIdByPath(u"Theme/Reunion"_s))
                 ->highlightCount,
        10);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 10);
    const qint64 speaker
        = *annotations()->service()->store().tagIdByPath(u"Speaker/Milo Ventimiglia"_s);
    QVERIFY(speaker != 0);
    QCOMPARE(annotations()->service()->store().tag(speaker)->highlightCount, 10);
    QCOMPARE(annotations()->highlightModel()->index(0).data().toString(),
        u"It's been a while since I've thought about Jess and Rory's relationship,"_s);
    // Doing it again adds nothing, not even an undo step; one undo takes it all back.
    m_window->quotes()->highlightQuotations(milo);
    QCOMPARE(annotations()->highlightModel()->rowCount(), 10);
    QCOMPARE(annotations()->service()->undoStack()->count(), undoBefore + 1);
    QVERIFY(m_window->statusBar()->currentMessage().contains(u"Already"_s));
    QVERIFY(m_window->history()->undo().ok());
    QCOMPARE(annotations()->highlightModel()->rowCount(), 0);
}

void TestAnnotationUi::correctSpeakerInTheQuotesPanel()
{
    QuotesController *quotes = m_window->quotes();
    QuotationModel *model = quotes->quotationModel();
    const QModelIndex milo = model->index(0, 0);
    const QModelIndex first = model->index(0, 0, milo);
    const QString words = first.data(QuotationModel::TextRole).toString();
    QVERIFY(!words.isEmpty());

    // F2 on a quotation asks who said it; the article's speakers are offered.
    QTreeView *tree = quotes->quotesPanel()->view();
    m_window->findChild<QDockWidget *>(u"quotesDock"_s)->show();
    m_window->findChild<QDockWidget *>(u"quotesDock"_s)->raise();
    tree->setCurrentIndex(first);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F2);
    SpeakerDialog *dialog = quotes->speakerDialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->speaker(), u"Milo Ventimiglia"_s);
    QVERIFY(dialog->nameField()->findText(u"Milo Ventimiglia"_s) >= 0);
    dialog->nameField()->setCurrentText(u"Lauren Graham"_s);
    dialog->accept();

    // The panel regroups: Milo keeps nine, the corrected one has its own speaker.
    QCOMPARE(model->rowCount(), 2);
    QStringList groups;
    for (int row = 0; row < model->rowCount(); ++row)
        groups.append(model->index(row, 0).data().toString());
    QVERIFY2(groups.contains(u"Milo Ventimiglia  (9)"_s), qPrintable(groups.join(u", ")));
    QVERIFY2(groups.contains(u"Lauren Graham  (1)"_s), qPrintable(groups.join(u", ")));
    QCOMPARE(m_window->history()->stack()->undoText(), u"Set Speaker to Lauren Graham"_s);

    // Edit ▸ Undo takes it back; Redo again.
    QVERIFY(m_window->history()->undo().ok());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowCount(model->index(0, 0)), 10);
    QVERIFY(m_window->history()->redo().ok());
    QCOMPARE(model->rowCount(), 2);

    // The correction is kept when the article is shown again.
    const qint64 article = reader()->articleId();
    QVERIFY(m_window->showArticle(article));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(*quotes->service()->store().corrections(article),
        (QHash<QString, QString> { { words, u"Lauren Graham"_s } }));
}

void TestAnnotationUi::speakersPanelListsTheLibraryAndFiltersIt()
{
    QuotesController *quotes = m_window->quotes();
    // The index fills in the background a moment after the library opens; the panel reads it
    // when it is shown.
    quotes->speakersDock()->show();
    quotes->speakersDock()->raise();
    SpeakerListModel *speakers = quotes->speakerModel();
    QTRY_VERIFY_WITH_TIMEOUT(speakers->rowOf(u"Milo Ventimiglia"_s) >= 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!quotes->isIndexing(), 20000);
    const int milo = speakers->rowOf(u"Milo Ventimiglia"_s);
    QCOMPARE(speakers->index(milo, SpeakerListModel::QuotationsColumn).data().toInt(), 10);
    QCOMPARE(speakers->index(milo, SpeakerListModel::ArticlesColumn).data().toInt(), 1);

    // Typing narrows the list.
    SpeakersPanel *panel = quotes->speakersPanel();
    QTest::keyClicks(panel->filterField(), u"ventim"_s);
    QCOMPARE(speakers->rowCount(), 1);

    // Double-click (or Enter) lists only the articles quoting the speaker.
    const int allArticles = m_window->libraryPanel()->view()->model()->rowCount();
    QVERIFY(allArticles > 1);
    panel->view()->setCurrentIndex(speakers->index(0, 0));
    Q_EMIT panel->view()->activated(speakers->index(0, 0));
    QVERIFY(panel->libraryFilter()->isChecked());
    QCOMPARE(m_window->libraryPanel()->view()->model()->rowCount(), 1);
    QVERIFY2(m_window->statusCountText().startsWith(u"1 of "_s),
        qPrintable(m_window->statusCountText()));
    panel->libraryFilter()->setChecked(false);
    QCOMPARE(m_window->libraryPanel()->view()->model()->rowCount(), allArticles);

    // F2 in the list renames a speaker across the library.
    panel->view()->setFocus();
    QTest::keyClick(panel->view(), Qt::Key_F2);
    QVERIFY(quotes->speakerDialog() && quotes->speakerDialog()->isVisible());
    QCOMPARE(quotes->speakerDialog()->speaker(), u"Milo Ventimiglia"_s);
    quotes->speakerDialog()->nameField()->setCurrentText(u"Milo A. Ventimiglia"_s);
    QSignalSpy renamed(quotes, &QuotesController::renameFinished);
    quotes->speakerDialog()->accept();
    QVERIFY(renamed.wait(10000)); // the quotations are found on a worker
    QVERIFY(renamed.front().front().toBool());
    QCOMPARE(speakers->rowOf(u"Milo Ventimiglia"_s), -1);
    QVERIFY(speakers->rowOf(u"Milo A. Ventimiglia"_s) >= 0);
    QCOMPARE(quotes->quotationModel()->index(0, 0).data(QuotationModel::SpeakerRole).toString(),
        u"Milo A. Ventimiglia"_s);
    QVERIFY(m_window->history()->undo().ok());
    QVERIFY(speakers->rowOf(u"Milo Ventimiglia"_s) >= 0);

    // A correction shows in the library-wide counts at once.
    panel->filterField()->clear();
    const QModelIndex quotation
        = quotes->quotationModel()->index(0, 0, quotes->quotationModel()->index(0, 0));
    QVERIFY(quotes->setSpeaker(quotation, u"Lauren Graham"_s));
    QVERIFY(speakers->rowOf(u"Lauren Graham"_s) >= 0);
    QCOMPARE(
        speakers->index(speakers->rowOf(u"Milo Ventimiglia"_s), SpeakerListModel::QuotationsColumn)
            .data()
            .toInt(),
        9);
}

void TestAnnotationUi::screenshot()
{
    const QString target = qEnvironmentVariable("GLOSS_SCREENSHOT");
    if (target.isEmpty())
        QSKIP("set GLOSS_SCREENSHOT=file.png to save a screenshot");
    QFile style(u":/style.qss"_s);
    QVERIFY(style.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(style.readAll()));
    for (const QString &text : { u"It's been a while since I've thought about Jess and Rory's "
                                 "relationship,"_s,
             u"things are complicated when you're young"_s, u"more story to tell"_s }) {
        selectInBody(text);
        QTest::keyClick(reader(), Qt::Key_H);
        QVERIFY(annotations()
                    ->service()
                    ->addTag(reader()->activeHighlight(), u"Speaker/Milo Ventimiglia"_s)
                    .ok());
    }
    selectInBody(u"complicated"_s);
    QTest::keyClick(reader(), Qt::Key_3);
    QVERIFY(
        annotations()
            ->service()
            ->setNote(reader()->activeHighlight(), u"Compare with the 2016 revival interviews."_s)
            .ok());
    annotations()->tagsPanel()->selectTag(
        *annotations()->service()->store().tagIdByPath(u"Speaker/Milo Ventimiglia"_s));
    reader()->setActiveHighlight(0);
    reader()->verticalScrollBar()->setValue(0);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(target));
}

QTEST_MAIN(TestAnnotationUi)
#include "tst_annotationui.moc"
