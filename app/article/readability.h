#pragma once

#include "article.h"
#include "htmldom.h"

#include <QDate>
#include <QString>
#include <QStringList>

/// What a page says about itself: JSON-LD (schema.org Article and its kinds) first, then Dublin
/// Core, Open Graph, Parse.ly and plain meta tags, then the page's <title> without its site's
/// name, then its first <h1>.
struct PageMetadata
{
    QString title;
    QStringList authors;
    QDate date;
    QString site;
    QString url; ///< the canonical address, when the page gives one
    QString language;
};

/// Finds the story in a saved web page, as Mozilla's Readability does in spirit (written here
/// from the description of its idea): hidden and unlikely parts go, paragraph-like blocks are
/// scored by their text and commas, scores flow to parents and grandparents, class and id
/// names and link density weigh in, and the best-scored container is taken with the siblings
/// that belong to it, then cleaned of what does not read as part of the story.
namespace Readability {

PageMetadata metadata(const HtmlDom &dom);
/// The article's paragraphs; `title` is left out when the page repeats it as a heading. The
/// tree is marked as the extractor works (removed nodes).
QList<Paragraph> article(HtmlDom &dom, const QString &title);
/// "Story – Site", "Site | Story": the title without the site's name, when it can tell.
QString withoutSiteName(const QString &title, const QString &site, const QString &host);

} // namespace Readability
