#pragma once

#include <QDate>
#include <QList>
#include <QString>

/// One line of a document as its reader found it: a line of a text file, or a paragraph (or
/// the part of one up to a line break) of a Word or RTF file.
struct TextLine
{
    QString text; ///< spaces collapsed and trimmed; empty for a blank line
    bool centred = false; ///< centred in the file (or indented far, in a text file)
    bool heading = false; ///< styled as a title or heading
};

/// The text of a Word, RTF or text file, in lines, for the layout readers (Nexis exports) and
/// for the one-article reading of an ordinary document.
struct DocumentText
{
    QList<TextLine> lines;
    /// True when paragraphs run over several lines and end at a blank one (a text file
    /// wrapped at 80 columns); false when each line is a paragraph.
    bool wrapped = false;
    /// The document's own properties, when the file has them.
    QString title;
    QString author;
    QDate date;
};
