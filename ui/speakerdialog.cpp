#include "speakerdialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SpeakerDialog::SpeakerDialog(QWidget *parent)
    : QDialog(parent)
    , m_subject(new QLabel(this))
    , m_name(new QComboBox(this))
{
    setObjectName(u"speakerDialog"_s);
    setWindowTitle(tr("Correct Speaker"));
    m_subject->setWordWrap(true);
    m_subject->setTextFormat(Qt::PlainText);
    m_name->setEditable(true);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    m_name->setMinimumContentsLength(28);
    m_name->lineEdit()->setPlaceholderText(tr("Nobody named"));
    m_name->lineEdit()->setClearButtonEnabled(true);
    m_name->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_name->completer()->setFilterMode(Qt::MatchContains);
    m_name->setAccessibleName(tr("Speaker"));

    auto *hint = new QLabel(tr("Who said it? Leave empty when the article names nobody. Gloss "
                               "keeps your answer when the article is imported again."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_subject);
    layout->addWidget(m_name);
    layout->addWidget(hint);
    layout->addWidget(buttons);
}

void SpeakerDialog::setSubject(const QString &subject)
{
    m_subject->setText(subject);
}

void SpeakerDialog::setSpeakers(const QString &current, const QStringList &known)
{
    m_name->clear();
    QStringList names = known;
    names.removeAll(current);
    if (!current.isEmpty())
        names.prepend(current);
    m_name->addItems(names);
    m_name->setCurrentText(current);
    m_name->lineEdit()->selectAll();
    m_name->setFocus();
}

QString SpeakerDialog::speaker() const
{
    return m_name->currentText().simplified();
}
