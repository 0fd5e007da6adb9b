#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTextEdit;

/// Find in the current article. Typing searches as you go, Enter and F3 go to the next match,
/// Shift+Enter and Shift+F3 to the previous one; Escape closes the bar and leaves the match
/// selected in the text, ready for the next action.
class FindBar final : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QTextEdit *editor, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FindBar)

    /// Shows the bar with the editor's selection (if short) as the search text.
    void activate();
    void findNext();
    void findPrevious();
    QString text() const;
    /// Number of matches of the current text in the whole document.
    int matchCount() const { return m_matchCount; }

Q_SIGNALS:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool find(bool backward, bool fromSelectionStart);
    void updateStatus(bool found);
    void closeBar();

    QPointer<QTextEdit> m_editor;
    QLineEdit *m_field;
    QCheckBox *m_matchCase;
    QLabel *m_status;
    int m_matchCount = 0;
};
