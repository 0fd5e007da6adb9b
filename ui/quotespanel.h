#pragma once

#include <QWidget>

class QuotationModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

/// The quotations of the article being read, grouped by speaker. Click one to go to it; the
/// button (or Enter) highlights the chosen quotation, or every quotation of the chosen speaker,
/// tagged Speaker/<name>; "Correct Speaker…" (or F2) says who really said it.
class QuotesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit QuotesPanel(QuotationModel *model, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(QuotesPanel)

    QTreeView *view() const { return m_view; }
    /// A tag of the user's to add as well (may be empty).
    QString extraTag() const;
    QLineEdit *extraTagField() const { return m_extraTag; }

Q_SIGNALS:
    void quotationActivated(int start, int end);
    void tagRequested(const QModelIndex &index);
    void correctionRequested(const QModelIndex &index);

private:
    QuotationModel *m_model;
    QTreeView *m_view;
    QPushButton *m_tag;
    QPushButton *m_correct;
    QLineEdit *m_extraTag;
    QLabel *m_emptyHint;
};
