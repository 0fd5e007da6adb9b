#pragma once

#include "core/result.h"
#include "pdflayout.h"

#include <QByteArray>
#include <QDate>
#include <QString>

/// The text layer of a PDF, read with Poppler: each page's words with their boxes, and the
/// document's title and creation date. Nothing is rendered and nothing is recognised in
/// images: a PDF whose pages hold no text is refused with that reason. A PDF that needs a
/// password, or that Poppler cannot open, is refused with a sentence saying which.
namespace PdfReader {

struct Document
{
    QList<PdfPage> pages;
    QString title; ///< from the document's information, may be empty
    QDate date; ///< its creation date, when it has one
    qsizetype words = 0;
};

/// Reads the PDF at path, or in bytes when they are given.
[[nodiscard]] Result<Document> read(const QString &path, const QByteArray *bytes = nullptr);

/// "%PDF-" within the first kilobyte, where the standard allows it to be.
bool looksLikePdf(QByteArrayView head);

} // namespace PdfReader
