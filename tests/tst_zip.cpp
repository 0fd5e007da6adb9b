// The ZIP reader on hostile archives: every failure has its own sentence, nothing unpacks past
// its caps, and names are only looked up.
#include "core/zipreader.h"
#include "core/zipwriter.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace {

/// Raw deflate data (what a ZIP member holds) from Qt's zlib stream.
QByteArray deflated(const QByteArray &data)
{
    const QByteArray zlib = qCompress(data, 9);
    // qCompress: 4 bytes of size, the 2-byte zlib header, the data, a 4-byte checksum.
    return zlib.mid(6, zlib.size() - 10);
}

void put16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void put32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

struct Member
{
    QString name;
    QByteArray packed;
    quint16 method = 8;
    quint32 size = 0;
    quint32 crc = 0;
    quint16 flags = 0x0800;
};

/// A one-member archive whose headers say exactly what the test wants them to.
QByteArray archive(const Member &member)
{
    const QByteArray name = member.name.toUtf8();
    QByteArray out;
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, member.flags);
    put16(out, member.method);
    put32(out, 0);
    put32(out, member.crc);
    put32(out, quint32(member.packed.size()));
    put32(out, member.size);
    put16(out, quint16(name.size()));
    put16(out, 0);
    out += name + member.packed;
    const qsizetype directory = out.size();
    put32(out, 0x02014b50);
    put16(out, 20);
    put16(out, 20);
    put16(out, member.flags);
    put16(out, member.method);
    put32(out, 0);
    put32(out, member.crc);
    put32(out, quint32(member.packed.size()));
    put32(out, member.size);
    put16(out, quint16(name.size()));
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    put32(out, 0);
    put32(out, 0);
    out += name;
    const qsizetype directorySize = out.size() - directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, 1);
    put16(out, 1);
    put32(out, quint32(directorySize));
    put32(out, quint32(directory));
    put16(out, 0);
    return out;
}

Member goodMember(const QByteArray &text)
{
    Member member;
    member.name = u"sources/a.txt"_s;
    member.packed = deflated(text);
    member.size = quint32(text.size());
    member.crc = ZipWriter::crc32(text);
    return member;
}

} // namespace

class TestZip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWhatItsWriterWrote();
    void readsDeflatedMembersFromFiles();
    void namesAreFoundInAnyCase();
    void failuresSayWhatIsWrong_data();
    void failuresSayWhatIsWrong();
    void bombsStopAtTheirCap();
    void notAnArchive_data();
    void notAnArchive();
};

void TestZip::readsWhatItsWriterWrote()
{
    ZipWriter writer;
    writer.addFile(u"project.qde"_s, "<Project/>");
    writer.addFile(u"sources/é.txt"_s, "text");
    const Result<ZipReader> reader = ZipReader::open(writer.finish());
    QVERIFY2(reader, qPrintable(reader.error()));
    QCOMPARE(reader->names(), (QStringList { u"project.qde"_s, u"sources/é.txt"_s }));
    QCOMPARE(*reader->read(u"sources/é.txt"_s), QByteArray("text"));
    QCOMPARE(reader->read(u"missing"_s).kind(), ErrorKind::NotFound);
}

void TestZip::readsDeflatedMembersFromFiles()
{
    const QByteArray text = QByteArray("The same line again and again.\n").repeated(2000);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"a.zip"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(archive(goodMember(text)));
    file.close();
    const Result<ZipReader> reader = ZipReader::open(path);
    QVERIFY2(reader, qPrintable(reader.error()));
    const Result<QByteArray> member = reader->read(u"sources/a.txt"_s);
    QVERIFY2(member, qPrintable(member.error()));
    QCOMPARE(*member, text);
}

void TestZip::namesAreFoundInAnyCase()
{
    ZipWriter writer;
    writer.addFile(u"Project.qde"_s, "x");
    writer.addFile(u"Sources/ABC.txt"_s, "y");
    writer.addFile(u"../../etc/passwd"_s, "z");
    const Result<ZipReader> reader = ZipReader::open(writer.finish());
    QVERIFY(reader);
    QCOMPARE(reader->findIgnoringCase(u"project.qde"_s), u"Project.qde"_s);
    QCOMPARE(reader->findIgnoringCase(u"sources/abc.txt"_s), u"Sources/ABC.txt"_s);
    QVERIFY(reader->findIgnoringCase(u"nothing"_s).isEmpty());
    // A climbing name is only a name: it can be read, never written anywhere.
    QCOMPARE(*reader->read(u"../../etc/passwd"_s), QByteArray("z"));
}

void TestZip::failuresSayWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("sentence");
    const QByteArray text("Some text that compresses a little, a little, a little.");

    Member bzip = goodMember(text);
    bzip.method = 12;
    QTest::addRow("unsupported-method") << archive(bzip) << u"bzip2"_s;

    Member encrypted = goodMember(text);
    encrypted.flags |= 0x1;
    QTest::addRow("encrypted") << archive(encrypted) << u"encrypted"_s;

    Member broken = goodMember(text);
    broken.packed = QByteArray("\xff\xff\xff\xff not deflate at all", 22);
    QTest::addRow("bad-deflate") << archive(broken) << u"cannot be unpacked"_s;

    Member truncated = goodMember(text);
    truncated.packed.chop(truncated.packed.size() / 2);
    QTest::addRow("truncated-deflate") << archive(truncated) << u"cannot be unpacked"_s;

    Member lying = goodMember(text);
    lying.size += 7;
    QTest::addRow("size-mismatch") << archive(lying) << u"the archive says"_s;

    Member checksum = goodMember(text);
    checksum.crc ^= 0x1234;
    QTest::addRow("checksum") << archive(checksum) << u"checksum"_s;
}

void TestZip::failuresSayWhatIsWrong()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, sentence);
    const Result<ZipReader> reader = ZipReader::open(bytes);
    QVERIFY2(reader, qPrintable(reader.error()));
    const Result<QByteArray> member = reader->read(u"sources/a.txt"_s);
    QVERIFY(!member);
    QVERIFY2(member.error().contains(sentence), qPrintable(member.error()));
    QVERIFY(member.error().contains(u"sources/a.txt"_s));
}

void TestZip::bombsStopAtTheirCap()
{
    // 64 MB of zeros packs into about 64 KB: far past any ratio real text reaches.
    const QByteArray zeros(64 * 1024 * 1024, '\0');
    Member bomb = goodMember(zeros);
    const Result<ZipReader> reader = ZipReader::open(archive(bomb));
    QVERIFY(reader);
    const Result<QByteArray> member = reader->read(u"sources/a.txt"_s);
    QVERIFY(!member);
    QVERIFY2(member.error().contains(u"zip bomb"_s), qPrintable(member.error()));

    // A header that lies small does not help: unpacking stops at the ratio all the same.
    bomb.size = 1000;
    const Result<ZipReader> liar = ZipReader::open(archive(bomb));
    QVERIFY(liar);
    QVERIFY(!liar->read(u"sources/a.txt"_s));

    // And a member larger than the caller's limit is refused before anything is unpacked.
    const QByteArray text = QByteArray("words and more words ").repeated(10000);
    const Result<ZipReader> large = ZipReader::open(archive(goodMember(text)));
    const Result<QByteArray> refused = large->read(u"sources/a.txt"_s, 1000);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"more than"_s), qPrintable(refused.error()));
}

void TestZip::notAnArchive_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("text") << QByteArray("just text, long enough to be searched for a directory.");
    QByteArray lyingCount = archive(goodMember("x"));
    lyingCount[lyingCount.size() - 12] = char(0xff); // entries on this disk: 65535+
    lyingCount[lyingCount.size() - 11] = char(0xff);
    QTest::addRow("lying-count") << lyingCount;
    QByteArray outside = archive(goodMember("x"));
    outside[outside.size() - 6] = char(0x7f); // the directory "starts" past the end
    QTest::addRow("directory-outside") << outside;
}

void TestZip::notAnArchive()
{
    QFETCH(QByteArray, bytes);
    const Result<ZipReader> reader = ZipReader::open(bytes);
    QVERIFY(!reader);
    QVERIFY2(reader.error().contains(u"ZIP"_s), qPrintable(reader.error()));
}

QTEST_GUILESS_MAIN(TestZip)
#include "tst_zip.moc"
