#pragma once

#include "article.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

class FormatOutput;

/// The bytes one reader is given: the whole file in memory, or only its path for formats
/// that read from the file as they go (JSON Lines streams, Word and PDF read parts of it).
struct FormatInput
{
    QString path; ///< the file's path, or the name in-memory bytes are parsed under
    const QByteArray *bytes = nullptr; ///< the whole file, or null: the reader opens path
};

/// Everything Gloss knows about one input format, in one place. The importer chooses a
/// reader with it, folder imports pick files by it, the file dialogs and the command line's
/// help list it, and the library stores an article's format as its key. Adding a format is
/// adding an entry (and its ArticleFormat value); nothing else keeps a list.
struct InputFormat
{
    ArticleFormat id;
    /// Stored in the library: never change one, only add (a library written with it must
    /// read back the same format).
    QString key;
    const char *name; ///< display name, untranslated; see displayName()
    const char *plural; ///< for file dialogs: "Nexis exports"
    QStringList suffixes; ///< lower case, no dot; what folder imports pick up
    /// How a file is told to be in this format, for the help and the docs.
    const char *recognition;
    /// A test of the file's first bytes. Null: a file with one of the suffixes that no entry
    /// before it claimed is this format.
    bool (*recognises)(QByteArrayView head) = nullptr;
    /// The test is a signature that holds whatever the file is called (a PDF named .txt is a
    /// PDF); otherwise it only chooses among the formats of the file's suffix.
    bool decisive = false;
    /// What sourceIndex counts in a file of this format.
    ItemUnit unit = ItemUnit::None;
    /// Larger files are refused before they are read.
    qint64 maximumSize = 0;
    /// The reader opens FormatInput::path itself instead of being handed the file's bytes.
    bool readsFromFile = false;
    void (*read)(const FormatInput &input, FormatOutput &output) = nullptr;

    QString displayName() const;
    QString pluralName() const;
};

namespace InputFormats {

/// How many bytes of a file recognition looks at.
constexpr qsizetype HeadSize = 64 * 1024;

/// Every format, in the order recognition tries them.
const QList<InputFormat> &all();

/// The entry of a format; every ArticleFormat has exactly one.
const InputFormat &of(ArticleFormat id);

/// The format stored under key, or null.
const InputFormat *byKey(QStringView key);

/// The format of a value read from a library: a key, or one of the display labels that
/// libraries stored before schema version 5 (a salvaged old file may still hold them); null
/// for a value no Gloss ever wrote.
const InputFormat *fromStored(QStringView value);

/// The format a file is read as: a decisive signature in its first bytes wins; then, among
/// the formats of its suffix, the first whose test accepts the bytes; a file whose suffix
/// no format claims is read as text (news dump, Nexis or plain text, by its content).
const InputFormat &forFile(const QString &fileName, QByteArrayView head);

/// True for the names a folder import picks up (a known suffix, not hidden).
bool isSupportedFileName(const QString &fileName);

/// Every suffix of every format, without repeats, in table order.
QStringList suffixes();

/// The filter list of an Open dialog: all articles first, each format, then all files.
QString fileDialogFilter();

/// A few lines for `--help`: each format with its suffixes and how it is recognised.
QString helpText();

} // namespace InputFormats
