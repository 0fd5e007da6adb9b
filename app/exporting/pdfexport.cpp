#include "exporters.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace Exporters {

QByteArray pdf(const ExportSet &set, const Options &options)
{
    // Laying out text needs fonts, which need a GUI application (offscreen is enough).
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(96);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 14, 18, 16), QPageLayout::Millimeter);
    writer.setTitle(u"Highlights"_s);
    writer.setCreator(u"Gloss"_s);

    QTextDocument document;
    document.documentLayout()->setPaintDevice(&writer);
    QFont font(u"DejaVu Serif"_s);
    font.setPointSizeF(10.5);
    document.setDefaultFont(font);
    document.setHtml(QString::fromUtf8(html(set, options)));
    const qreal width = writer.width();
    const qreal header = 28;
    const QSizeF page(width, writer.height() - header);
    document.setPageSize(page);
    const int pages = document.pageCount();

    QPainter painter(&writer);
    QFont small = font;
    small.setPointSizeF(8);
    for (int index = 0; index < pages; ++index) {
        if (index > 0)
            writer.newPage();
        painter.save();
        painter.setFont(small);
        painter.setPen(QColor(0x57, 0x60, 0x6a));
        const QRectF headerLine(0, 0, width, header - 10);
        painter.drawText(headerLine, Qt::AlignLeft | Qt::AlignVCenter,
            QCoreApplication::translate("Exporters", "Highlights from Gloss"));
        painter.drawText(headerLine, Qt::AlignRight | Qt::AlignVCenter,
            QCoreApplication::translate("Exporters", "Page %1 of %2").arg(index + 1).arg(pages));
        painter.drawLine(QPointF(0, header - 6), QPointF(width, header - 6));
        painter.restore();
        painter.save();
        painter.translate(0, header - index * page.height());
        document.drawContents(&painter, QRectF(QPointF(0, index * page.height()), page));
        painter.restore();
    }
    painter.end();
    return buffer.data();
}

} // namespace Exporters
