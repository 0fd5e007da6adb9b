#include "highlight.h"

using namespace Qt::StringLiterals;

qint64 innermostHighlightAt(const QList<Highlight> &highlights, int offset)
{
    qint64 found = 0;
    int shortest = INT_MAX;
    for (const Highlight &highlight : highlights) {
        if (highlight.status == AnchorStatus::Orphaned)
            continue;
        if (offset >= highlight.anchor.start && offset < highlight.anchor.end
            && highlight.anchor.length() < shortest) {
            found = highlight.id;
            shortest = highlight.anchor.length();
        }
    }
    return found;
}

HighlightPatch HighlightPatch::inverseOn(const Highlight &highlight) const
{
    HighlightPatch inverse;
    inverse.modified = highlight.modified;
    if (color)
        inverse.color = highlight.color;
    if (note)
        inverse.note = highlight.note;
    if (anchor)
        inverse.anchor = highlight.anchor;
    if (status)
        inverse.status = highlight.status;
    for (qint64 tag : addTags) {
        if (!highlight.tagIds.contains(tag) && !inverse.removeTags.contains(tag))
            inverse.removeTags.append(tag);
    }
    for (qint64 tag : removeTags) {
        if (highlight.tagIds.contains(tag) && !inverse.addTags.contains(tag))
            inverse.addTags.append(tag);
    }
    return inverse;
}

TagPatch TagPatch::inverseOn(const Tag &tag) const
{
    TagPatch inverse;
    if (name)
        inverse.name = tag.name;
    if (parentId)
        inverse.parentId = tag.parentId;
    if (color)
        inverse.color = tag.color;
    if (description)
        inverse.description = tag.description;
    return inverse;
}

namespace Palette {

const QList<Entry> &entries()
{
    static const QList<Entry> palette = {
        { u"yellow"_s, u"Yellow"_s, u"#ffd84d"_s },
        { u"green"_s, u"Green"_s, u"#8fd694"_s },
        { u"blue"_s, u"Blue"_s, u"#8cc4ff"_s },
        { u"pink"_s, u"Pink"_s, u"#ff9ecb"_s },
        { u"orange"_s, u"Orange"_s, u"#ffb36b"_s },
        { u"purple"_s, u"Purple"_s, u"#c7a6ff"_s },
    };
    return palette;
}

QString rgbOf(const QString &key)
{
    for (const Entry &entry : entries()) {
        if (entry.key == key)
            return entry.rgb;
    }
    return entries().front().rgb;
}

QString defaultKey()
{
    return entries().front().key;
}

bool isValidKey(const QString &key)
{
    return std::any_of(entries().cbegin(), entries().cend(),
        [&key](const Entry &entry) { return entry.key == key; });
}

} // namespace Palette
