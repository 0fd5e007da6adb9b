#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

/// Edits a highlight's note (plain text; Markdown is kept as typed). Ctrl+Enter saves.
class NoteDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit NoteDialog(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(NoteDialog)

    void setQuote(const QString &quote);
    void setNote(const QString &note);
    QString note() const;
    QPlainTextEdit *editor() const { return m_editor; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_quote;
    QPlainTextEdit *m_editor;
};
