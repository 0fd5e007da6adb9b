#include "importprogress.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

ImportProgress::ImportProgress(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(u"importProgress"_s);
    m_bar->setMaximumWidth(220);
    m_bar->setTextVisible(false);
    m_label->setMinimumWidth(260);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop importing; what is already imported stays"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Stopping the import…"));
        Q_EMIT cancelRequested();
    });
    hide();
}

void ImportProgress::begin(const QString &label)
{
    m_cancel->setEnabled(true);
    m_bar->setRange(0, 0);
    m_label->setText(label.isEmpty() ? tr("Looking for articles…") : label);
    show();
}

void ImportProgress::update(int done, int total, const QString &currentFile)
{
    if (!m_cancel->isEnabled())
        return;
    m_bar->setRange(0, qMax(1, total));
    m_bar->setValue(done);
    const QLocale locale;
    QString text = tr("Importing %1 of %2")
                       .arg(locale.toString(qMin(done + 1, total)), locale.toString(total));
    if (!currentFile.isEmpty())
        text += u": "_s + QFileInfo(currentFile).fileName();
    m_label->setText(text);
    m_label->setToolTip(currentFile);
}

QString ImportProgress::labelText() const
{
    return m_label->text();
}
