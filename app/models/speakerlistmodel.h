#pragma once

#include "quotes/quotestore.h"

#include <QAbstractTableModel>

/// Every speaker quoted in the library, with how many quotations and articles, most quoted
/// first; narrowed by the text the user types. Reads the speaker index (one grouped query), not
/// the articles, and filters in memory so that typing never waits for the library.
class SpeakerListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, QuotationsColumn, ArticlesColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 };

    explicit SpeakerListModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SpeakerListModel)

    /// The index to read (nullptr: none); reloads.
    void setStore(const QuoteStore *store);
    const QuoteStore *store() const { return m_store; }
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }
    /// Reads the index again (after indexing or a correction), keeping the filter.
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// By name (A–Z), or by quotations or articles (most first when descending).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString speakerAt(int row) const;
    int rowOf(const QString &speaker) const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    const QuoteStore *m_store = nullptr;
    QString m_filter;
    void sortAll();
    void applyFilter();

    int m_sortColumn = QuotationsColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QList<SpeakerSummary> m_all;
    QList<SpeakerSummary> m_speakers; ///< the ones shown
};
