#include "selectiontoolbar.h"
#include "annotation/highlight.h"

#include <QHBoxLayout>
#include <QToolButton>

using namespace Qt::StringLiterals;

SelectionToolbar::SelectionToolbar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"selectionToolbar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    for (const Palette::Entry &entry : Palette::entries()) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"color-"_s + entry.key);
        button->setToolTip(tr("Highlight in %1").arg(entry.defaultName.toLower()));
        button->setFixedSize(22, 22);
        button->setStyleSheet(u"QToolButton { background: %1; border: 1px solid #888; "
                              "border-radius: 11px; }"_s.arg(entry.rgb));
        connect(button, &QToolButton::clicked, this, [this, key = entry.key] {
            hide();
            Q_EMIT colorChosen(key);
        });
        layout->addWidget(button);
    }
    auto *tag = new QToolButton(this);
    tag->setText(tr("Tag…"));
    tag->setToolTip(tr("Highlight and tag (T)"));
    connect(tag, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT tagChosen();
    });
    auto *note = new QToolButton(this);
    note->setText(tr("Note…"));
    note->setToolTip(tr("Highlight and write a note (N)"));
    connect(note, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT noteChosen();
    });
    layout->addWidget(tag);
    layout->addWidget(note);
    hide();
}

void SelectionToolbar::showAt(const QPoint &point)
{
    adjustSize();
    const QWidget *area = parentWidget();
    int x = point.x() - width() / 2;
    int y = point.y() - height() - 8;
    if (y < 0)
        y = point.y() + 16;
    x = std::clamp(x, 0, std::max(0, area->width() - width()));
    move(x, y);
    show();
    raise();
}
