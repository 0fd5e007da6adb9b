#pragma once

#include "exporting/exporters.h"

#include <QDialog>

#include <optional>

class LibraryStore;
class LibraryWorker;
class QProgressBar;
class QPushButton;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;
class QTimer;

/// File ▸ Export…: format, scope (library, article, search result, tag), options, and a live
/// preview of the first lines. Writing goes through Exporters::writeAtomically.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const LibraryStore *library, qint64 currentArticle,
        const QList<qint64> &selectedArticles, const QList<qint64> &searchResult,
        const QStringList &tagPaths, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ExportDialog)

    Exporters::Format format() const;
    ExportScope scope() const;
    Exporters::Options options() const;
    QString previewText() const;
    /// Reads, renders and writes on a worker, as the Export… button does: the dialog shows
    /// progress, Cancel stops it (nothing is written), and it closes when the file is written.
    /// A PDF is read on the worker and laid out here, on the GUI thread, whose fonts it needs.
    bool startExport(const QString &path);
    /// With "one file per article" (Markdown): path is a folder.
    bool writesFolder() const;

    QComboBox *formatBox() const { return m_format; }
    QComboBox *tagBox() const { return m_tag; }
    QRadioButton *tagScopeButton() const { return m_byTag; }
    QRadioButton *selectionScopeButton() const { return m_selection; }
    QCheckBox *perArticleBox() const { return m_perArticle; }

Q_SIGNALS:
    /// An export started with startExport() ended: written, failed or cancelled.
    void exportFinished(bool written);

public Q_SLOTS:
    void reject() override;

private:
    void refreshPreview();
    void setBusy(bool busy);
    void exportEnded(const QVariant &result, const QString &error);
    /// The first articles of the scope and its counts, read once per scope: format and option
    /// changes reuse them. Only what the preview shows is read on this thread.
    struct Preview
    {
        Result<ExportSet> sample = ResultError(QString());
        Result<ExportSet::Counts> counts = ResultError(QString());
    };
    const Preview &preview() const;
    void layOutPdf(const ExportSet &set);
    void chooseFileAndExport();

    const LibraryStore *m_library;
    qint64 m_currentArticle;
    QList<qint64> m_selected;
    QList<qint64> m_searchResult;
    QComboBox *m_format;
    QRadioButton *m_wholeLibrary;
    QRadioButton *m_article;
    QRadioButton *m_selection;
    QRadioButton *m_search;
    QRadioButton *m_byTag;
    QComboBox *m_tag;
    QCheckBox *m_subtags;
    QComboBox *m_groupBy;
    QCheckBox *m_bom;
    QCheckBox *m_perArticle;
    QPlainTextEdit *m_preview;
    QLabel *m_summary;
    QTimer *m_previewDelay;
    QWidget *m_form;
    QProgressBar *m_progress;
    QPushButton *m_save = nullptr;
    LibraryWorker *m_worker;
    mutable std::optional<ExportScope> m_previewScope;
    mutable Preview m_previewData;
    QString m_pdfPath; ///< set while a PDF's set is read on the worker
    /// How many articles the preview reads at most.
    static constexpr int PreviewArticles = 3;
};
