#include "tagpicker.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TagPicker::TagPicker(QWidget *parent)
    : QDialog(parent)
    , m_field(new QLineEdit(this))
    , m_context(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_paths(new QStringListModel(this))
    , m_completer(new QCompleter(m_paths, this))
{
    setWindowTitle(tr("Tag Highlight"));
    m_field->setObjectName(u"tagField"_s);
    m_field->setPlaceholderText(tr("Tag, or Parent/Tag"));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_field->setCompleter(m_completer);
    m_context->setWordWrap(true);
    m_context->hide();
    m_hint->setText(tr("Type to find a tag; a name that does not exist yet is created. "
                       "Use “/” for levels, as in Speaker/Milo Ventimiglia."));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Tag"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_context);
    layout->addWidget(m_field);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    resize(420, sizeHint().height());
}

void TagPicker::setKnownPaths(const QStringList &paths)
{
    m_paths->setStringList(paths);
}

void TagPicker::setContext(const QString &text)
{
    m_context->setText(text);
    m_context->setVisible(!text.isEmpty());
}

QString TagPicker::path() const
{
    return m_field->text().trimmed();
}
