#include "exportdialog.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
#include "library/libraryworker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(const LibraryStore *library, qint64 currentArticle,
    const QList<qint64> &selectedArticles, const QList<qint64> &searchResult,
    const QStringList &tagPaths, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_currentArticle(currentArticle)
    , m_selected(selectedArticles)
    , m_searchResult(searchResult)
    , m_format(new QComboBox(this))
    , m_wholeLibrary(new QRadioButton(tr("The whole library"), this))
    , m_article(new QRadioButton(tr("The article being read"), this))
    , m_selection(new QRadioButton(
          tr("The articles selected in the list (%1)").arg(selectedArticles.size()), this))
    , m_search(new QRadioButton(
          tr("The articles of the current search (%1)").arg(searchResult.size()), this))
    , m_byTag(new QRadioButton(tr("Highlights with the tag"), this))
    , m_tag(new QComboBox(this))
    , m_subtags(new QCheckBox(tr("and the tags below it"), this))
    , m_groupBy(new QComboBox(this))
    , m_bom(new QCheckBox(tr("Byte-order mark for Excel"), this))
    , m_perArticle(new QCheckBox(tr("One file per article, into a folder"), this))
    , m_preview(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_previewDelay(new QTimer(this))
    , m_form(new QWidget(this))
    , m_progress(new QProgressBar(this))
    , m_worker(new LibraryWorker(this))
{
    setWindowTitle(tr("Export Highlights"));
    setObjectName(u"exportDialog"_s);
    const QList<QPair<QString, Exporters::Format>> formats = {
        { tr("Markdown (Obsidian, notes)"), Exporters::Format::Markdown },
        { tr("CSV (spreadsheets)"), Exporters::Format::Csv },
        { tr("HTML report"), Exporters::Format::Html },
        { tr("PDF report"), Exporters::Format::Pdf },
        { tr("W3C Web Annotation (JSON-LD)"), Exporters::Format::Json },
        { tr("REFI-QDA project (ATLAS.ti, MAXQDA, NVivo, QualCoder)"), Exporters::Format::Qdpx },
    };
    for (const auto &[label, format] : formats)
        m_format->addItem(label, int(format));
    m_tag->addItems(tagPaths);
    m_subtags->setChecked(true);
    m_groupBy->addItem(tr("article"), u"article"_s);
    m_groupBy->addItem(tr("tag"), u"tag"_s);
    m_article->setEnabled(currentArticle != 0);
    m_search->setEnabled(!searchResult.isEmpty());
    m_selection->setEnabled(selectedArticles.size() > 1);
    m_byTag->setEnabled(!tagPaths.isEmpty());
    m_wholeLibrary->setChecked(true);
    m_preview->setReadOnly(true);
    m_preview->setObjectName(u"exportPreview"_s);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setMinimumHeight(220);

    QSettings settings;
    m_format->setCurrentIndex(settings.value(u"export/format"_s, 0).toInt());

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    auto *scope = new QVBoxLayout;
    scope->addWidget(m_wholeLibrary);
    scope->addWidget(m_article);
    scope->addWidget(m_selection);
    scope->addWidget(m_search);
    auto *tagRow = new QHBoxLayout;
    tagRow->addWidget(m_byTag);
    tagRow->addWidget(m_tag, 1);
    tagRow->addWidget(m_subtags);
    scope->addLayout(tagRow);
    form->addRow(tr("Export:"), scope);
    form->addRow(tr("Group by:"), m_groupBy);
    form->addRow(QString(), m_bom);
    form->addRow(QString(), m_perArticle);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Exporting…"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    connect(m_worker, &LibraryWorker::finished, this, &ExportDialog::exportEnded);
    m_form->setLayout(form);
    form->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(new QLabel(tr("Preview:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(640, 560);

    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(120);
    connect(m_previewDelay, &QTimer::timeout, this, &ExportDialog::refreshPreview);
    auto later = [this] { m_previewDelay->start(); };
    connect(m_format, &QComboBox::currentIndexChanged, this, later);
    connect(m_tag, &QComboBox::currentIndexChanged, this, later);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, later);
    for (QAbstractButton *button : { static_cast<QAbstractButton *>(m_wholeLibrary),
             static_cast<QAbstractButton *>(m_article), static_cast<QAbstractButton *>(m_search),
             static_cast<QAbstractButton *>(m_byTag), static_cast<QAbstractButton *>(m_subtags),
             static_cast<QAbstractButton *>(m_bom), static_cast<QAbstractButton *>(m_perArticle),
             static_cast<QAbstractButton *>(m_selection) })
        connect(button, &QAbstractButton::toggled, this, later);
    refreshPreview();
}

Exporters::Format ExportDialog::format() const
{
    return Exporters::Format(m_format->currentData().toInt());
}

ExportScope ExportDialog::scope() const
{
    ExportScope scope;
    if (m_article->isChecked())
        scope.articleIds = { m_currentArticle };
    else if (m_search->isChecked())
        scope.articleIds = m_searchResult;
    else if (m_selection->isChecked())
        scope.articleIds = m_selected;
    if (m_byTag->isChecked()) {
        const Result<qint64> tag = AnnotationStore(*m_library).tagIdByPath(m_tag->currentText());
        if (tag && *tag != 0)
            scope.tagIds = { *tag };
        scope.includeSubtags = m_subtags->isChecked();
    }
    return scope;
}

Exporters::Options ExportDialog::options() const
{
    Exporters::Options options;
    options.groupByTag = m_groupBy->currentData().toString() == u"tag"_s;
    options.csvByteOrderMark = m_bom->isChecked();
    return options;
}

QString ExportDialog::previewText() const
{
    return m_preview->toPlainText();
}

void ExportDialog::refreshPreview()
{
    const Exporters::Format chosen = format();
    m_groupBy->setEnabled(chosen == Exporters::Format::Markdown || chosen == Exporters::Format::Html
        || chosen == Exporters::Format::Pdf);
    m_bom->setEnabled(chosen == Exporters::Format::Csv);
    m_perArticle->setEnabled(chosen == Exporters::Format::Markdown);
    m_tag->setEnabled(m_byTag->isChecked());
    m_subtags->setEnabled(m_byTag->isChecked());
    const Preview &shown = preview();
    if (!shown.sample || !shown.counts) {
        m_summary->setText(!shown.sample ? shown.sample.error() : shown.counts.error());
        m_preview->clear();
        return;
    }
    const int highlights = shown.counts->highlights;
    const int articles = shown.counts->articles;
    const QLocale locale;
    m_summary->setText((highlights == 1 ? tr("1 highlight")
                                         : tr("%1 highlights").arg(locale.toString(highlights)))
        + u' '
        + (articles == 1 ? tr("from 1 article")
                         : tr("from %1 articles").arg(locale.toString(articles))));
    if (chosen == Exporters::Format::Pdf || chosen == Exporters::Format::Qdpx) {
        m_preview->setPlainText(chosen == Exporters::Format::Pdf
                ? tr("(The PDF holds the HTML report, page by page.)")
                : tr("(A zip of project.qde and the articles' texts.)"));
        return;
    }
    // The first lines are enough to judge; a preview of the whole library would be slow.
    const QString text = QString::fromUtf8(Exporters::render(chosen, *shown.sample, options()));
    m_preview->setPlainText(text.section(u'\n', 0, 59));
}

bool ExportDialog::writesFolder() const
{
    return format() == Exporters::Format::Markdown && m_perArticle->isChecked();
}

const ExportDialog::Preview &ExportDialog::preview() const
{
    const ExportScope wanted = scope();
    if (!m_previewScope || !(*m_previewScope == wanted)) {
        m_previewData.sample = ExportSet::collect(*m_library, wanted, PreviewArticles);
        m_previewData.counts = ExportSet::count(*m_library, wanted);
        m_previewScope = wanted;
    }
    return m_previewData;
}

void ExportDialog::layOutPdf(const ExportSet &set)
{
    const QString path = m_pdfPath;
    m_pdfPath.clear();
    const Result<int> written
        = Exporters::exportSet(path, Exporters::Format::Pdf, set, options(), false);
    exportEnded(written ? QVariant(*written) : QVariant(written.error()), {});
}

bool ExportDialog::startExport(const QString &path)
{
    if (m_worker->isRunning())
        return false;
    const ExportScope wanted = scope();
    const Exporters::Format chosen = format();
    const Exporters::Options chosenOptions = options();
    const bool folder = writesFolder();
    setBusy(true);
    if (chosen == Exporters::Format::Pdf) {
        // Laying out a PDF needs the font machinery of the GUI thread; the reading, which is
        // what takes long, happens on the worker.
        m_pdfPath = path;
        return m_worker->start(m_library->path(),
            [wanted](LibraryStore &store, const std::atomic_bool &cancel,
                const LibraryWorker::Progress &) {
                Result<ExportSet> set = ExportSet::collect(store, wanted);
                if (!set)
                    return QVariant(set.error());
                if (cancel.load())
                    return QVariant();
                return QVariant::fromValue(*set);
            });
    }
    // Read and written on a worker with its own connection: a large library takes seconds.
    return m_worker->start(m_library->path(),
        [path, wanted, chosen, chosenOptions, folder](
            LibraryStore &store, const std::atomic_bool &cancel, const LibraryWorker::Progress &) {
            const Result<ExportSet> set = ExportSet::collect(store, wanted);
            if (!set)
                return QVariant(set.error());
            if (cancel.load())
                return QVariant(); // nothing written
            const Result<int> written
                = Exporters::exportSet(path, chosen, *set, chosenOptions, folder);
            return written ? QVariant(*written) : QVariant(written.error());
        });
}

void ExportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_save->setEnabled(!busy);
    m_form->setEnabled(!busy);
}

void ExportDialog::reject()
{
    // Cancel stops an export first; the dialog stays to say so.
    if (m_worker->isRunning()) {
        m_worker->cancel();
        return;
    }
    QDialog::reject();
}

void ExportDialog::exportEnded(const QVariant &result, const QString &error)
{
    if (!m_pdfPath.isEmpty() && error.isEmpty()
        && result.metaType() == QMetaType::fromType<ExportSet>()) {
        layOutPdf(result.value<ExportSet>());
        return;
    }
    m_pdfPath.clear();
    setBusy(false);
    if (error.isEmpty() && result.metaType() == QMetaType::fromType<int>()) {
        Q_EMIT exportFinished(true);
        accept();
        return;
    }
    Q_EMIT exportFinished(false);
    if (error.isEmpty() && !result.isValid())
        return; // cancelled: nothing was written
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export"),
        error.isEmpty() ? result.toString() : error, QMessageBox::Ok, this);
    box->setObjectName(u"exportError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ExportDialog::chooseFileAndExport()
{
    QSettings settings;
    settings.setValue(u"export/format"_s, m_format->currentIndex());
    const QString suffix = Exporters::fileSuffix(format());
    const QString folder = settings.value(u"export/lastFolder"_s, QDir::homePath()).toString();
    QString path = writesFolder()
        ? QFileDialog::getExistingDirectory(this, tr("Export Into Folder"), folder)
        : QFileDialog::getSaveFileName(this, tr("Export To"), folder + u"/highlights."_s + suffix,
            tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (!writesFolder() && QFileInfo(path).suffix().isEmpty())
        path += u'.' + suffix;
    settings.setValue(u"export/lastFolder"_s, QFileInfo(path).absolutePath());
    startExport(path);
}
