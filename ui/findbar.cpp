#include "findbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTextDocument>
#include <QTextEdit>
#include <QToolButton>

using namespace Qt::StringLiterals;

FindBar::FindBar(QTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_field(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
{
    setObjectName(u"findBar"_s);
    m_field->setObjectName(u"findField"_s);
    m_field->setPlaceholderText(tr("Find in article"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);

    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (F3)"));
    auto *close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Escape)"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_field, 1);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(m_field, &QLineEdit::textEdited, this, [this] { find(false, true); });
    connect(m_field, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_matchCase, &QCheckBox::toggled, this, [this] { find(false, true); });
    connect(close, &QToolButton::clicked, this, &FindBar::closeBar);
    hide();
}

QString FindBar::text() const
{
    return m_field->text();
}

void FindBar::activate()
{
    if (m_editor) {
        const QString selected = m_editor->textCursor().selectedText();
        if (!selected.isEmpty() && selected.size() < 80
            && !selected.contains(QChar::ParagraphSeparator))
            m_field->setText(selected);
    }
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    if (!m_field->text().isEmpty())
        updateStatus(!m_editor || m_editor->textCursor().hasSelection());
}

void FindBar::findNext()
{
    if (isHidden())
        activate();
    find(false, false);
}

void FindBar::findPrevious()
{
    if (isHidden())
        activate();
    find(true, false);
}

bool FindBar::find(bool backward, bool fromSelectionStart)
{
    if (!m_editor)
        return false;
    const QString needle = m_field->text();
    QTextCursor cursor = m_editor->textCursor();
    if (needle.isEmpty()) {
        cursor.clearSelection();
        m_editor->setTextCursor(cursor);
        m_matchCount = 0;
        updateStatus(true);
        return false;
    }
    QTextDocument::FindFlags flags;
    if (backward)
        flags |= QTextDocument::FindBackward;
    if (m_matchCase->isChecked())
        flags |= QTextDocument::FindCaseSensitively;
    // Typing refines the current match rather than jumping past it.
    if (fromSelectionStart)
        cursor.setPosition(cursor.selectionStart());
    QTextDocument *document = m_editor->document();
    QTextCursor found = document->find(needle, cursor, flags);
    if (found.isNull()) {
        QTextCursor wrap(document);
        if (backward)
            wrap.movePosition(QTextCursor::End);
        found = document->find(needle, wrap, flags);
    }
    m_matchCount = 0;
    QTextDocument::FindFlags countFlags
        = flags & ~QTextDocument::FindFlags(QTextDocument::FindBackward);
    for (QTextCursor each = document->find(needle, 0, countFlags); !each.isNull();
         each = document->find(needle, each, countFlags))
        ++m_matchCount;
    if (!found.isNull())
        m_editor->setTextCursor(found);
    updateStatus(!found.isNull());
    return !found.isNull();
}

void FindBar::updateStatus(bool found)
{
    const bool notFound = !found && !m_field->text().isEmpty();
    m_field->setProperty("notFound", notFound);
    m_field->style()->unpolish(m_field);
    m_field->style()->polish(m_field);
    if (m_field->text().isEmpty())
        m_status->clear();
    else if (notFound)
        m_status->setText(tr("Not found"));
    else
        m_status->setText(m_matchCount == 1 ? tr("1 match") : tr("%1 matches").arg(m_matchCount));
}

void FindBar::closeBar()
{
    hide();
    if (m_editor)
        m_editor->setFocus(Qt::OtherFocusReason);
    Q_EMIT closed();
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            closeBar();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ShiftModifier)) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
