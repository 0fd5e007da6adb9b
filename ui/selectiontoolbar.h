#pragma once

#include <QFrame>

/// The small bar that appears over a fresh selection in the reader: one button per highlight
/// colour, then Tag… and Note…. It hides itself when the selection goes away.
class SelectionToolbar final : public QFrame
{
    Q_OBJECT
public:
    explicit SelectionToolbar(QWidget *parent);
    Q_DISABLE_COPY_MOVE(SelectionToolbar)

    /// Shows the bar above `point` (in the parent's coordinates), kept inside the parent.
    void showAt(const QPoint &point);

Q_SIGNALS:
    void colorChosen(const QString &colorKey);
    void tagChosen();
    void noteChosen();
};
