#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

/// The status-bar strip shown while an import runs: count, current file, a bar and Cancel.
class ImportProgress final : public QWidget
{
    Q_OBJECT
public:
    explicit ImportProgress(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ImportProgress)

    /// Shows the strip, busy, with what is happening ("Looking for articles…" by default).
    void begin(const QString &label = {});
    void update(int done, int total, const QString &currentFile);
    QString labelText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};
