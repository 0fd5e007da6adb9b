#include "textdecoder.h"

#include <QCoreApplication>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

// Windows-1252 differs from Latin-1 only in 0x80..0x9F; five of those are unassigned.
constexpr char16_t s_cp1252High[32] = {
    0x20AC,
    0xFFFD,
    0x201A,
    0x0192,
    0x201E,
    0x2026,
    0x2020,
    0x2021,
    0x02C6,
    0x2030,
    0x0160,
    0x2039,
    0x0152,
    0xFFFD,
    0x017D,
    0xFFFD,
    0xFFFD,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2022,
    0x2013,
    0x2014,
    0x02DC,
    0x2122,
    0x0161,
    0x203A,
    0x0153,
    0xFFFD,
    0x017E,
    0x0178,
};

QString decodeCp1252(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        *out++ = (b >= 0x80 && b < 0xA0) ? QChar(s_cp1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return text;
}

// Binary data shows NUL bytes or many C0 controls early on; text almost never does.
bool looksBinary(QByteArrayView bytes)
{
    const qsizetype probe = qMin<qsizetype>(bytes.size(), 8192);
    qsizetype controls = 0;
    for (qsizetype i = 0; i < probe; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b == 0)
            return true;
        if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')
            ++controls;
    }
    return probe > 0 && controls * 20 > probe;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("TextDecoder", text);
}

} // namespace

QString decodeWindows1252(QByteArrayView bytes)
{
    return decodeCp1252(bytes);
}

QString cleanText(QString text)
{
    // Written into a preallocated buffer: this runs over every byte of every import.
    const qsizetype size = text.size();
    QString out(size, Qt::Uninitialized);
    const QChar *in = text.constData();
    QChar *write = out.data();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t u = in[i].unicode();
        if (u >= 0x20 && (u < 0x7F || u >= 0xA0) && u != 0x2028 && u != 0x2029 && u != 0xFEFF) {
            *write++ = in[i];
        } else if (u == u'\r') {
            *write++ = u'\n';
            if (i + 1 < size && in[i + 1] == u'\n')
                ++i;
        } else if (u == u'\n' || u == 0x2028 || u == 0x2029) {
            *write++ = u'\n';
        } else if (u == u'\t' || u == u'\f' || u == u'\v') {
            *write++ = u' ';
        }
        // Everything else (C0 and C1 controls, NUL, stray byte-order marks) carries nothing
        // a reader can see.
    }
    out.truncate(write - out.constData());
    return out.normalized(QString::NormalizationForm_C);
}

QString simplifyLine(const QString &line)
{
    QString out(line.size(), Qt::Uninitialized);
    QChar *write = out.data();
    const QChar *begin = write;
    bool pendingSpace = false;
    for (QChar c : line) {
        if (c == u' ' || c == u'\t' || c == u'\u00A0') {
            pendingSpace = write != begin;
            continue;
        }
        if (pendingSpace)
            *write++ = u' ';
        pendingSpace = false;
        *write++ = c;
    }
    out.truncate(write - begin);
    return out;
}

Result<DecodedText> decodeText(const QByteArray &bytes, TextOrigin origin)
{
    if (bytes.isEmpty())
        return ResultError(tr("The file is empty."));

    DecodedText decoded;
    QByteArrayView view(bytes);
    if (view.startsWith("\xFF\xFE") || view.startsWith("\xFE\xFF")) {
        const bool little = view.startsWith("\xFF\xFE");
        QStringDecoder decoder(little ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        decoded.text = decoder(view.sliced(2));
        decoded.encoding = little ? u"UTF-16LE"_s : u"UTF-16BE"_s;
        if (decoder.hasError())
            decoded.warning = tr("Some UTF-16 characters were damaged and replaced.");
    } else {
        if (view.startsWith("\xEF\xBB\xBF"))
            view = view.sliced(3);
        if (looksBinary(view))
            return ResultError(tr("This looks like a binary file, not text."));
        QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        decoded.text = decoder(view);
        decoded.encoding = u"UTF-8"_s;
        if (decoder.hasError()) {
            // A web page says what it is written in (<meta charset>, or http-equiv).
            QStringDecoder declared = origin == TextOrigin::WebPage
                ? QStringDecoder::decoderForHtml(view)
                : QStringDecoder();
            if (declared.isValid() && QByteArrayView(declared.name()) != "UTF-8") {
                decoded.text = declared(view);
                decoded.encoding = QString::fromLatin1(declared.name());
            } else {
                decoded.text = decodeCp1252(view);
                decoded.encoding = u"Windows-1252"_s;
                decoded.warning = tr("The file is not valid UTF-8; it was read as Windows-1252.");
            }
        }
    }
    decoded.text = cleanText(std::move(decoded.text));
    if (decoded.text.trimmed().isEmpty())
        return ResultError(tr("The file holds no text."));
    return decoded;
}
