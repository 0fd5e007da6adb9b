#include "notedialog.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

NoteDialog::NoteDialog(QWidget *parent)
    : QDialog(parent)
    , m_quote(new QLabel(this))
    , m_editor(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Note"));
    m_quote->setWordWrap(true);
    m_quote->setTextFormat(Qt::PlainText);
    m_editor->setObjectName(u"noteEditor"_s);
    m_editor->setPlaceholderText(tr("Your note (Markdown is fine)"));
    m_editor->setTabChangesFocus(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setToolTip(tr("Save the note (Ctrl+Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_editor->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_quote);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    resize(480, 300);
}

void NoteDialog::setQuote(const QString &quote)
{
    const QString shown = quote.size() > 300 ? quote.left(297) + u"…"_s : quote;
    m_quote->setText(u"“"_s + shown + u"”"_s);
}

void NoteDialog::setNote(const QString &note)
{
    m_editor->setPlainText(note);
    m_editor->moveCursor(QTextCursor::End);
}

bool NoteDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+Enter saves from inside the editor, where a plain Enter makes a new line.
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

QString NoteDialog::note() const
{
    return m_editor->toPlainText().trimmed();
}
