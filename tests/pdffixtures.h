#pragma once

#include <QByteArray>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QString>
#include <QStringList>

/// PDFs made by the tests with QPdfWriter: laid out here line by line, so each test knows
/// exactly where every line, column, running head and page number is.
namespace PdfFixtures {

struct Layout
{
    int columns = 1;
    double columnGap = 24; ///< points between columns
    double bodySize = 10; ///< points
    double leading = 1.3; ///< line spacing, times the size
    double indent = 14; ///< first-line indent of each paragraph but the first
    double paragraphGap = 0; ///< extra space between paragraphs, in points
    QString runningHead; ///< at the top of every page; "%1" is the page number
    bool pageNumbers = false; ///< a bare page number at the bottom of every page
    QString title; ///< large, across the columns on the first page
    QString documentTitle; ///< the PDF's own Title, when set
    /// Words split at a line's end with a hyphen, where they fall at one.
    bool hyphenate = true;
    int maximumPages = 0; ///< stop when the pages are full; 0: as many as the text needs
};

/// Paragraphs of a story: sentences of ordinary words, long ones that get hyphenated at line
/// ends, words with a hyphen of their own, a quotation, numbers.
inline QStringList story(int count)
{
    const QStringList sentences = {
        QStringLiteral("The council met on Tuesday to consider the proposal for the new library."),
        QStringLiteral("\"We have waited long enough,\" said Maria Lopez, the chairwoman of the "
                       "committee."),
        QStringLiteral("Representatives of neighbouring municipalities expressed considerable "
                       "reservations."),
        QStringLiteral("A well-known architect presented drawings of the building and its "
                       "surroundings."),
        QStringLiteral("The estimated cost of 4.2 million pounds was questioned by several "
                       "councillors."),
        QStringLiteral("Construction could begin next spring if the government approves the "
                       "application."),
        QStringLiteral("Residents who attended the meeting applauded when the vote was finally "
                       "announced."),
    };
    QStringList paragraphs;
    for (int p = 0; p < count; ++p) {
        QStringList parts;
        for (int s = 0; s < 3 + p % 4; ++s)
            parts.append(sentences.at((p * 3 + s) % sentences.size()));
        paragraphs.append(parts.join(QLatin1Char(' ')));
    }
    return paragraphs;
}

/// Lays the paragraphs out in the layout's columns over as many A4 pages as they need and
/// writes the PDF to path; returns how many pages that took.
inline int write(const QString &path, const QStringList &paragraphs, const Layout &layout)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);
    writer.setCreator(QStringLiteral("Gloss tests"));
    if (!layout.documentTitle.isEmpty())
        writer.setTitle(layout.documentTitle);
    QPainter painter(&writer);
    const double pageWidth = 595;
    const double pageHeight = 842;
    const double margin = 56;
    const double top = 80;
    const double bottom = pageHeight - 80;
    const double columnWidth
        = (pageWidth - 2 * margin - (layout.columns - 1) * layout.columnGap) / layout.columns;
    QFont body(QStringLiteral("DejaVu Serif"));
    body.setPixelSize(int(layout.bodySize));
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPixelSize(8);
    QFont large(QStringLiteral("DejaVu Sans"));
    large.setPixelSize(24);
    large.setBold(true);
    const QFontMetricsF metrics(body, &writer);
    const double step = layout.bodySize * layout.leading;

    int page = 1;
    int column = 0;
    bool full = false;
    double y = top;
    auto furniture = [&] {
        painter.setFont(small);
        if (!layout.runningHead.isEmpty())
            painter.drawText(QPointF(margin, 40), layout.runningHead.arg(page));
        if (layout.pageNumbers)
            painter.drawText(QPointF(pageWidth / 2 - 4, pageHeight - 40), QString::number(page));
        painter.setFont(body);
    };
    furniture();
    if (!layout.title.isEmpty()) {
        painter.setFont(large);
        painter.drawText(QPointF(margin, y + 24), layout.title);
        painter.setFont(body);
        y += 60;
    }
    const double columnTop = y;
    auto nextLine = [&] {
        y += step;
        if (y + step > bottom) {
            if (++column >= layout.columns) {
                if (layout.maximumPages > 0 && page >= layout.maximumPages) {
                    full = true;
                    return;
                }
                writer.newPage();
                ++page;
                column = 0;
                furniture();
                y = top;
            } else {
                y = page == 1 ? columnTop : top;
            }
        }
    };
    for (qsizetype p = 0; p < paragraphs.size() && !full; ++p) {
        const QStringList words = paragraphs.at(p).split(QLatin1Char(' '));
        QString line;
        double x0 = margin + column * (columnWidth + layout.columnGap);
        double width = columnWidth - (p > 0 ? layout.indent : 0);
        bool first = true;
        auto draw = [&](const QString &text) {
            if (full)
                return;
            x0 = margin + column * (columnWidth + layout.columnGap);
            painter.drawText(
                QPointF(x0 + (first && p > 0 ? layout.indent : 0), y + layout.bodySize), text);
            first = false;
            width = columnWidth;
            nextLine();
        };
        for (const QString &word : words) {
            const QString joined = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (line.isEmpty() || metrics.horizontalAdvance(joined) <= width) {
                line = joined;
                continue;
            }
            // Split a long word of letters at the line's end, three letters at least a side.
            bool letters = layout.hyphenate && word.size() >= 8;
            for (QChar c : word)
                letters = letters && c.isLetter();
            qsizetype cut = letters ? word.size() - 3 : 0;
            while (cut >= 3
                && metrics.horizontalAdvance(
                       line + QLatin1Char(' ') + word.left(cut) + QLatin1Char('-'))
                    > width)
                --cut;
            if (letters && cut >= 3) {
                draw(line + QLatin1Char(' ') + word.left(cut) + QLatin1Char('-'));
                line = word.mid(cut);
                continue;
            }
            draw(line);
            line = word;
        }
        if (!line.isEmpty())
            draw(line);
        y += layout.paragraphGap;
    }
    return page;
}

/// A page holding only a picture: no text layer at all.
inline void writeImageOnly(const QString &path)
{
    QPdfWriter writer(path);
    writer.setResolution(72);
    QPainter painter(&writer);
    QImage image(200, 100, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter onImage(&image);
    onImage.setFont(QFont(QStringLiteral("DejaVu Sans"), 20));
    onImage.drawText(10, 50, QStringLiteral("Scanned words"));
    onImage.end();
    painter.drawImage(QRectF(50, 50, 400, 200), image);
}

/// A one-page PDF whose standard security handler wants a user password: its /U entry is
/// made up, so no password, the empty one included, opens it.
inline QByteArray passwordProtected()
{
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    auto object = [&](const QByteArray &body) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    const QByteArray noise = QByteArray("0123456789abcdef0123456789abcdef").toHex();
    object("<< /Type /Catalog /Pages 2 0 R >>");
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    object("<< /Filter /Standard /V 1 /R 2 /O <" + noise + "> /U <" + noise + "> /P -4 >>");
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1)
        + " /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> "
          "<00112233445566778899aabbccddeeff>] >>\nstartxref\n"
        + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace PdfFixtures
