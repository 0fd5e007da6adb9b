#include "annotationcontroller.h"
#include "annotation/annotationservice.h"
#include "highlightspanel.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "models/highlightmodel.h"
#include "models/taggedhighlightsmodel.h"
#include "models/tagtreemodel.h"
#include "notedialog.h"
#include "readerview.h"
#include "selectiontoolbar.h"
#include "tagpicker.h"
#include "tagspanel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPixmap>
#include <QPlainTextEdit>

using namespace Qt::StringLiterals;

AnnotationController::AnnotationController(QMainWindow *window, ReaderView *reader)
    : QObject(window)
    , m_window(window)
    , m_reader(reader)
    , m_highlightsDock(new QDockWidget(tr("Highlights"), window))
    , m_tagsDock(new QDockWidget(tr("Tags"), window))
    , m_toolbar(new SelectionToolbar(reader->viewport()))
{
    m_highlightsDock->setObjectName(u"highlightsDock"_s);
    m_tagsDock->setObjectName(u"tagsDock"_s);
    window->addDockWidget(Qt::RightDockWidgetArea, m_highlightsDock);
    window->addDockWidget(Qt::RightDockWidgetArea, m_tagsDock);

    connect(m_toolbar.data(), &SelectionToolbar::colorChosen, this,
        [this](const QString &color) { highlightSelection(color); });
    connect(
        m_toolbar.data(), &SelectionToolbar::tagChosen, this, &AnnotationController::tagCurrent);
    connect(
        m_toolbar.data(), &SelectionToolbar::noteChosen, this, &AnnotationController::noteCurrent);
    connect(reader, &ReaderView::selectionFinished, this, [this](const QPoint &point) {
        if (m_toolbar && m_service
            && m_reader->selectionInBody().first < m_reader->selectionInBody().second)
            m_toolbar->showAt(point);
    });
    connect(reader, &QTextEdit::selectionChanged, this, [this] {
        if (m_toolbar && !m_reader->textCursor().hasSelection())
            m_toolbar->hide();
    });
    connect(
        reader, &ReaderView::extentChangeRequested, this, [this](qint64 id, int start, int end) {
            if (!m_service)
                return;
            if (auto changed = m_service->setExtent(id, m_reader->body(), start, end); !changed)
                report(changed.error());
        });
    connect(reader, &ReaderView::activeHighlightChanged, this, [this](qint64 id) {
        if (m_highlightsPanel && id != 0)
            m_highlightsPanel->selectHighlight(id);
    });
}

TagPicker *AnnotationController::tagPicker() const
{
    return m_tagPicker;
}

NoteDialog *AnnotationController::noteDialog() const
{
    return m_noteDialog;
}

AnnotationController::~AnnotationController()
{
    setLibrary(nullptr);
}

SelectionToolbar *AnnotationController::selectionToolbar() const
{
    return m_toolbar;
}

void AnnotationController::setLibrary(Library *library)
{
    if (m_toolbar)
        m_toolbar->hide();
    m_highlightsPanel.reset();
    m_tagsPanel.reset();
    m_taggedModel.reset();
    m_tagModel.reset();
    m_highlightModel.reset();
    m_service.reset();
    if (!library)
        return;

    m_service = std::make_unique<AnnotationService>(library);
    connect(
        m_service.get(), &AnnotationService::errorOccurred, this, &AnnotationController::report);
    connect(m_service.get(), &AnnotationService::tagsChanged, this,
        &AnnotationController::refreshColorNames);
    m_highlightModel = std::make_unique<HighlightModel>(m_service.get());
    m_tagModel = std::make_unique<TagTreeModel>(m_service.get());
    m_taggedModel = std::make_unique<TaggedHighlightsModel>(m_service.get());
    connect(m_highlightModel.get(), &QAbstractItemModel::modelReset, this,
        &AnnotationController::refreshReader);
    connect(m_highlightModel.get(), &QAbstractItemModel::dataChanged, this,
        &AnnotationController::refreshReader);
    connect(m_highlightModel.get(), &QAbstractItemModel::rowsInserted, this,
        &AnnotationController::refreshReader);
    connect(m_highlightModel.get(), &QAbstractItemModel::rowsRemoved, this,
        &AnnotationController::refreshReader);

    m_highlightsPanel = std::make_unique<HighlightsPanel>(m_highlightModel.get());
    m_highlightsDock->setWidget(m_highlightsPanel.get());
    connect(m_highlightsPanel.get(), &HighlightsPanel::highlightActivated, this,
        &AnnotationController::revealHighlight);
    connect(m_highlightsPanel.get(), &HighlightsPanel::tagRequested, this,
        &AnnotationController::openTagPicker);
    connect(m_highlightsPanel.get(), &HighlightsPanel::noteRequested, this,
        &AnnotationController::openNoteEditor);
    connect(m_highlightsPanel.get(), &HighlightsPanel::deleteRequested, this, [this](qint64 id) {
        if (auto deleted = m_service->deleteHighlight(id); !deleted)
            report(deleted.error());
    });
    connect(m_highlightsPanel.get(), &HighlightsPanel::reattachRequested, this, [this](qint64 id) {
        const auto [start, end] = m_reader->selectionInBody();
        if (start >= end)
            return report(tr("Select the text the highlight belongs to, then choose Re-attach."));
        if (auto attached = m_service->setExtent(id, m_reader->body(), start, end); !attached)
            report(attached.error());
    });
    connect(m_highlightsPanel.get(), &HighlightsPanel::removeTagRequested, this,
        [this](qint64 id, const QString &path) {
            const Result<qint64> tag = m_service->store().tagIdByPath(path);
            if (tag && *tag != 0) {
                if (auto removed = m_service->removeTag(id, *tag); !removed)
                    report(removed.error());
            }
        });

    m_tagsPanel
        = std::make_unique<TagsPanel>(m_service.get(), m_tagModel.get(), m_taggedModel.get());
    m_tagsDock->setWidget(m_tagsPanel.get());
    connect(m_tagsPanel.get(), &TagsPanel::highlightOpened, this,
        &AnnotationController::openArticleRequested);
    connect(m_tagsPanel.get(), &TagsPanel::libraryFilterChanged, this,
        &AnnotationController::libraryFilterChanged);
    connect(m_tagsPanel.get(), &TagsPanel::errorOccurred, this, &AnnotationController::report);
}

void AnnotationController::populateMenu(QMenu *menu)
{
    // Single keys work only in the reader, so typing in a field never annotates.
    auto readerAction = [this, menu](const QString &text, const QKeySequence &keys, auto handler) {
        QAction *action = menu->addAction(text, this, handler);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_reader->addAction(action);
        return action;
    };
    readerAction(
        tr("&Highlight Selection"), QKeySequence(Qt::Key_H), [this] { highlightSelection(); });
    readerAction(tr("&Tag…"), QKeySequence(Qt::Key_T), [this] { tagCurrent(); });
    readerAction(tr("&Note…"), QKeySequence(Qt::Key_N), [this] { noteCurrent(); });
    readerAction(
        tr("&Delete Highlight"), QKeySequence(Qt::Key_Delete), [this] { deleteCurrent(); });
    readerAction(tr("&Fit Highlight to Selection"), QKeySequence(Qt::Key_E),
        [this] { fitCurrentToSelection(); });
    QMenu *colours = menu->addMenu(tr("&Colour"));
    int number = 1;
    for (const Palette::Entry &entry : Palette::entries()) {
        QAction *action = colours->addAction(entry.defaultName, this, [this, key = entry.key] {
            const qint64 id = m_reader->highlightAtCaret();
            if (id == 0 || m_reader->textCursor().hasSelection())
                return highlightSelection(key);
            if (auto changed = m_service->setColor(id, key); !changed)
                report(changed.error());
        });
        action->setShortcut(QKeySequence(Qt::Key_0 + number++));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setData(entry.key);
        m_reader->addAction(action);
        m_colorActions.append(action);
    }
    colours->addSeparator();
    colours->addAction(tr("&Name Colours…"), this, &AnnotationController::nameColors);
    refreshColorNames();
    menu->addAction(m_highlightsDock->toggleViewAction());
    menu->addAction(m_tagsDock->toggleViewAction());
    menu->addSeparator();
}

void AnnotationController::refreshColorNames()
{
    const Result<QHash<QString, QString>> names = m_service
        ? m_service->store().colorNames()
        : Result<QHash<QString, QString>>(QHash<QString, QString>());
    for (QAction *action : std::as_const(m_colorActions)) {
        const QString key = action->data().toString();
        QString plain;
        for (const Palette::Entry &entry : Palette::entries()) {
            if (entry.key == key)
                plain = entry.defaultName;
        }
        const QString named = names ? names->value(key) : QString();
        action->setText(
            named.isEmpty() || named == plain ? plain : tr("%1 — %2").arg(plain, named));
        QPixmap swatch(12, 12);
        swatch.fill(QColor(Palette::rgbOf(key)));
        action->setIcon(QIcon(swatch));
    }
}

void AnnotationController::nameColors()
{
    if (!m_service)
        return;
    const Result<QHash<QString, QString>> names = m_service->store().colorNames();
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Name Colours"));
    auto *form = new QFormLayout(&dialog);
    form->addRow(new QLabel(tr("Say what each colour means to you, e.g. “key point”."), &dialog));
    QHash<QString, QLineEdit *> fields;
    for (const Palette::Entry &entry : Palette::entries()) {
        auto *field = new QLineEdit(names ? names->value(entry.key) : entry.defaultName, &dialog);
        fields.insert(entry.key, field);
        form->addRow(entry.defaultName, field);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (names && names->value(it.key()) == it.value()->text().trimmed())
            continue;
        if (auto named = m_service->setColorName(it.key(), it.value()->text()); !named)
            return report(named.error());
    }
}

void AnnotationController::articleShown(qint64 articleId)
{
    if (m_toolbar)
        m_toolbar->hide();
    if (m_highlightModel)
        m_highlightModel->setArticle(articleId);
}

void AnnotationController::refreshReader()
{
    if (!m_highlightModel || m_highlightModel->articleId() != m_reader->articleId())
        return;
    m_reader->setHighlights(m_highlightModel->highlights(), m_highlightModel->tagPaths());
}

void AnnotationController::report(const QString &error)
{
    if (!error.isEmpty())
        Q_EMIT statusMessage(error);
}

void AnnotationController::highlightSelection(const QString &color)
{
    if (m_toolbar)
        m_toolbar->hide();
    if (!m_service || m_reader->articleId() == 0)
        return report(tr("Open an article first."));
    const auto [start, end] = m_reader->selectionInBody();
    if (start >= end) {
        if (m_reader->textCursor().hasSelection())
            return report(tr("Only the article's text can be highlighted, not its title or "
                             "details."));
        return report(tr("Select some text to highlight (or find it with Ctrl+F)."));
    }
    const Result<qint64> id
        = m_service->createHighlight(m_reader->articleId(), m_reader->body(), start, end, color);
    if (!id)
        return report(id.error());
    // The new highlight becomes the one T, N and the arrow keys act on.
    QTextCursor cursor = m_reader->textCursor();
    cursor.setPosition(cursor.selectionEnd());
    m_reader->setTextCursor(cursor);
    m_reader->setActiveHighlight(*id);
    Q_EMIT statusMessage(tr("Highlighted. T tags it, N adds a note, Ctrl+Z undoes."));
}

qint64 AnnotationController::targetHighlight(bool createFromSelection)
{
    if (!m_service)
        return 0;
    const auto [start, end] = m_reader->selectionInBody();
    if (createFromSelection && start < end) {
        highlightSelection();
        return m_reader->activeHighlight();
    }
    const qint64 id = m_reader->highlightAtCaret();
    if (id == 0)
        report(tr("Put the caret in a highlight, or select text, first."));
    return id;
}

void AnnotationController::tagCurrent()
{
    if (const qint64 id = targetHighlight(true))
        openTagPicker(id);
}

void AnnotationController::noteCurrent()
{
    if (const qint64 id = targetHighlight(true))
        openNoteEditor(id);
}

void AnnotationController::deleteCurrent()
{
    if (const qint64 id = targetHighlight(false)) {
        if (auto deleted = m_service->deleteHighlight(id); !deleted)
            return report(deleted.error());
        Q_EMIT statusMessage(tr("Highlight deleted. Ctrl+Z brings it back."));
    }
}

void AnnotationController::fitCurrentToSelection()
{
    const qint64 id = m_reader->activeHighlight() != 0
        ? m_reader->activeHighlight()
        : (m_highlightsPanel ? m_highlightsPanel->currentHighlight() : 0);
    const auto [start, end] = m_reader->selectionInBody();
    if (id == 0 || start >= end)
        return report(tr("Choose a highlight, select its new text, then Fit (E)."));
    if (auto changed = m_service->setExtent(id, m_reader->body(), start, end); !changed)
        report(changed.error());
}

void AnnotationController::revealHighlight(qint64 id)
{
    m_reader->revealHighlight(id);
    if (m_highlightsPanel)
        m_highlightsPanel->selectHighlight(id);
}

void AnnotationController::openTagPicker(qint64 highlightId)
{
    if (!m_service)
        return;
    if (!m_tagPicker) {
        m_tagPicker = new TagPicker(m_window);
        m_tagPicker->setObjectName(u"tagPicker"_s);
        m_tagPicker->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_tagPicker->disconnect(this);
    m_tagPicker->setKnownPaths(m_tagModel->paths());
    const Result<Highlight> highlight = m_service->store().highlight(highlightId);
    QStringList current;
    if (highlight) {
        for (qint64 tagId : highlight->tagIds)
            current.append(m_highlightModel->tagPath(tagId));
    }
    m_tagPicker->setContext(
        current.isEmpty() ? QString() : tr("Tagged: %1").arg(current.join(u", "_s)));
    m_tagPicker->field()->clear();
    connect(m_tagPicker, &QDialog::accepted, this, [this, highlightId] {
        const Result<qint64> tagged = m_service->addTag(highlightId, m_tagPicker->path());
        if (!tagged)
            return report(tagged.error());
        Q_EMIT statusMessage(tr("Tagged “%1”.").arg(m_service->store().tag(*tagged)->path));
    });
    m_tagPicker->open();
    m_tagPicker->activateWindow();
    m_tagPicker->field()->setFocus();
}

void AnnotationController::openNoteEditor(qint64 highlightId)
{
    if (!m_service)
        return;
    const Result<Highlight> highlight = m_service->store().highlight(highlightId);
    if (!highlight)
        return report(highlight.error());
    if (!m_noteDialog) {
        m_noteDialog = new NoteDialog(m_window);
        m_noteDialog->setObjectName(u"noteDialog"_s);
        m_noteDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_noteDialog->disconnect(this);
    m_noteDialog->setQuote(highlight->anchor.exact);
    m_noteDialog->setNote(highlight->note);
    connect(m_noteDialog, &QDialog::accepted, this, [this, highlightId] {
        if (auto saved = m_service->setNote(highlightId, m_noteDialog->note()); !saved)
            report(saved.error());
    });
    m_noteDialog->open();
    m_noteDialog->activateWindow();
    m_noteDialog->editor()->setFocus();
}
