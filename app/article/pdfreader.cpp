#include "pdfreader.h"
#include "formatreaders.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <poppler-qt6.h>

#include <mutex>

using namespace Qt::StringLiterals;

namespace PdfReader {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PdfReader", text);
}

void quietPoppler()
{
    // Poppler reports what it repairs in a damaged file on stderr; Gloss says in one
    // sentence what it could not read, and nothing about what it could.
    static std::once_flag once;
    std::call_once(once, [] {
        Poppler::setDebugErrorFunction([](const QString &, const QVariant &) {}, QVariant());
    });
}

} // namespace

bool looksLikePdf(QByteArrayView head)
{
    return head.first(std::min<qsizetype>(head.size(), 1024)).indexOf("%PDF-") >= 0;
}

Result<Document> read(const QString &path, const QByteArray *bytes)
{
    quietPoppler();
    const std::unique_ptr<Poppler::Document> pdf
        = bytes ? Poppler::Document::loadFromData(*bytes) : Poppler::Document::load(path);
    if (!pdf) {
        return ResultError(tr("The PDF is damaged or is not a PDF at all; it cannot be opened."),
            ErrorKind::InvalidInput);
    }
    if (pdf->isLocked()) {
        return ResultError(
            tr("The PDF is protected by a password; Gloss cannot open it without one."),
            ErrorKind::InvalidInput);
    }
    const int pageCount = pdf->numPages();
    if (pageCount <= 0) {
        return ResultError(
            tr("The PDF is damaged: it has no pages that can be read."), ErrorKind::InvalidInput);
    }
    Document document;
    document.title = simplifyLine(cleanText(pdf->info(u"Title"_s)));
    const QDateTime created = pdf->creationDate();
    if (created.isValid())
        document.date = created.date();
    document.pages.reserve(pageCount);
    for (int number = 0; number < pageCount; ++number) {
        const std::unique_ptr<Poppler::Page> page = pdf->page(number);
        PdfPage words;
        if (page) {
            words.size = page->pageSizeF();
            for (const std::unique_ptr<Poppler::TextBox> &box : page->textList()) {
                PdfWord word;
                word.text = box->text();
                word.box = box->boundingBox();
                word.spaceAfter = box->hasSpaceAfter();
                word.endsLine = box->nextWord() == nullptr;
                if (!word.text.trimmed().isEmpty())
                    ++document.words;
                words.words.append(std::move(word));
            }
        }
        document.pages.append(std::move(words));
    }
    return document;
}

} // namespace PdfReader

namespace FormatReaders {

bool looksLikePdf(QByteArrayView head)
{
    return PdfReader::looksLikePdf(head);
}

void readPdf(const FormatInput &input, FormatOutput &output)
{
    Result<PdfReader::Document> pdf = PdfReader::read(input.path, input.bytes);
    if (!pdf) {
        output.fail(pdf.error());
        return;
    }
    if (pdf->words == 0) {
        output.fail(QCoreApplication::translate("PdfReader",
            "The PDF has no text layer (its pages are images, as in a scan); Gloss reads only "
            "text, and does not recognise it in images."));
        return;
    }
    // The document's own title wins, unless a program filled it in by itself.
    const bool titled = !isPlaceholderTitle(pdf->title, input.path);
    PdfText text = PdfLayout::read(pdf->pages, !titled);
    if (text.paragraphs.isEmpty()) {
        output.fail(QCoreApplication::translate(
            "PdfReader", "The PDF has no article text besides its title and page furniture."));
        return;
    }
    Article article;
    article.format = ArticleFormat::Pdf;
    article.title = titled ? pdf->title : text.title;
    if (titled && !text.paragraphs.isEmpty()
        && text.paragraphs.front().text.compare(pdf->title, Qt::CaseInsensitive) == 0)
        text.paragraphs.removeFirst();
    if (article.title.isEmpty())
        article.title = TextBlocks::titleFromFileName(input.path);
    article.date = pdf->date;
    article.rawHeader = pdf->title;
    article.paragraphs = std::move(text.paragraphs);
    if (article.paragraphs.isEmpty()) {
        output.fail(QCoreApplication::translate(
            "PdfReader", "The PDF has no article text besides its title and page furniture."));
        return;
    }
    output.deliver(std::move(article));
}

} // namespace FormatReaders
