#include "namefinder.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Capitalised words that begin sentences or phrases without naming anyone.
const QSet<QString> &functionWords()
{
    static const QSet<QString> words = { u"The"_s, u"A"_s, u"An"_s, u"In"_s, u"On"_s, u"At"_s,
        u"It"_s, u"He"_s, u"She"_s, u"They"_s, u"We"_s, u"I"_s, u"But"_s, u"And"_s, u"If"_s,
        u"So"_s, u"This"_s, u"That"_s, u"These"_s, u"Those"_s, u"When"_s, u"There"_s, u"Then"_s,
        u"Now"_s, u"Yet"_s, u"Its"_s, u"His"_s, u"Her"_s, u"Their"_s, u"Our"_s, u"My"_s, u"Your"_s,
        u"As"_s, u"For"_s, u"With"_s, u"After"_s, u"Before"_s, u"While"_s, u"Whilst"_s,
        u"Although"_s, u"However"_s, u"Meanwhile"_s, u"According"_s, u"Also"_s, u"Under"_s, u"By"_s,
        u"From"_s, u"To"_s, u"Of"_s, u"Or"_s, u"Not"_s, u"No"_s, u"Even"_s, u"Instead"_s,
        u"Indeed"_s, u"Still"_s, u"Some"_s, u"Many"_s, u"Most"_s, u"All"_s, u"One"_s, u"Two"_s,
        u"Other"_s, u"Others"_s, u"Both"_s, u"Each"_s, u"Every"_s, u"Former"_s, u"Ex"_s, u"Last"_s,
        u"Next"_s, u"What"_s, u"Why"_s, u"How"_s, u"Who"_s, u"Where"_s, u"Elsewhere"_s,
        u"Currently"_s, u"Further"_s, u"Back"_s, u"During"_s, u"Since"_s, u"Until"_s, u"Despite"_s,
        u"Between"_s, u"About"_s, u"Around"_s, u"Among"_s, u"Over"_s, u"Against"_s, u"Without"_s,
        u"Within"_s, u"Earlier"_s, u"Later"_s, u"Today"_s, u"Yesterday"_s, u"Tomorrow"_s, u"Here"_s,
        u"Several"_s, u"Such"_s, u"Only"_s, u"Just"_s, u"More"_s, u"Monday"_s, u"Tuesday"_s,
        u"Wednesday"_s, u"Thursday"_s, u"Friday"_s, u"Saturday"_s, u"Sunday"_s, u"January"_s,
        u"February"_s, u"March"_s, u"April"_s, u"July"_s, u"September"_s, u"October"_s,
        u"November"_s, u"December"_s, u"Much"_s, u"Any"_s, u"Both"_s, u"Since"_s, u"Though"_s };
    return words;
}

// Titles and roles that stand before a name: what follows them is a person.
const QSet<QString> &roleWords()
{
    static const QSet<QString> words = { u"Mr"_s, u"Mrs"_s, u"Ms"_s, u"Miss"_s, u"Dr"_s, u"Lt"_s,
        u"Col"_s, u"Sgt"_s, u"Capt"_s, u"Maj"_s, u"Cpl"_s, u"Insp"_s, u"Det"_s, u"Supt"_s, u"Rev"_s,
        u"Cllr"_s, u"Sir"_s, u"Lord"_s, u"Lady"_s, u"Dame"_s, u"Prof"_s, u"Professor"_s, u"Rabbi"_s,
        u"Father"_s, u"Bishop"_s, u"Archbishop"_s, u"Justice"_s, u"Judge"_s, u"Senator"_s, u"Sen"_s,
        u"Governor"_s, u"Mayor"_s, u"General"_s, u"Gen"_s, u"Colonel"_s, u"Captain"_s, u"King"_s,
        u"Queen"_s, u"Prince"_s, u"Princess"_s, u"Pope"_s, u"Secretary"_s, u"Minister"_s,
        u"Prime"_s, u"Vice"_s, u"Chancellor"_s, u"President"_s, u"Premier"_s, u"Chief"_s,
        u"Chairman"_s, u"Chairwoman"_s, u"Director"_s, u"Editor"_s, u"Manager"_s, u"Coach"_s,
        u"Spokesman"_s, u"Spokeswoman"_s, u"Officer"_s, u"Commissioner"_s, u"Inspector"_s,
        u"Detective"_s, u"Sergeant"_s, u"Boss"_s, u"Leader"_s, u"MP"_s, u"MEP"_s, u"Deputy"_s,
        u"Shadow"_s, u"Singer"_s, u"Actor"_s, u"Actress"_s, u"Presenter"_s, u"Analyst"_s,
        u"Economist"_s, u"Striker"_s, u"Midfielder"_s, u"Defender"_s, u"Goalkeeper"_s, u"Keeper"_s,
        u"Winger"_s, u"Skipper"_s, u"Rapper"_s, u"Star"_s, u"Champion"_s, u"Founder"_s, u"Head"_s,
        u"Host"_s, u"Producer"_s, u"Author"_s, u"Writer"_s, u"Reporter"_s, u"Correspondent"_s,
        u"Executive"_s };
    return words;
}

// Words that make a name an organisation, a place or a thing rather than a person.
const QSet<QString> &organisationWords()
{
    static const QSet<QString> words = { u"Council"_s, u"Association"_s, u"Chambers"_s,
        u"Commerce"_s, u"Party"_s, u"Office"_s, u"Commission"_s, u"Foundation"_s, u"Society"_s,
        u"Bank"_s, u"Group"_s, u"Centre"_s, u"Center"_s, u"Authority"_s, u"Union"_s, u"Ministry"_s,
        u"Department"_s, u"Agency"_s, u"Corp"_s, u"Corporation"_s, u"Inc"_s, u"Ltd"_s, u"Plc"_s,
        u"Democrats"_s, u"Conservatives"_s, u"Tories"_s, u"Labour"_s, u"Services"_s, u"Institute"_s,
        u"University"_s, u"Court"_s, u"Club"_s, u"League"_s, u"Committee"_s, u"Board"_s,
        u"Federation"_s, u"Trust"_s, u"Fund"_s, u"Exchange"_s, u"Organisation"_s, u"Organization"_s,
        u"Network"_s, u"Networks"_s, u"News"_s, u"Times"_s, u"Post"_s, u"Journal"_s, u"Magazine"_s,
        u"Weekly"_s, u"Radio"_s, u"Television"_s, u"TV"_s, u"Games"_s, u"Software"_s, u"Airlines"_s,
        u"Airways"_s, u"Motors"_s, u"Industries"_s, u"Holdings"_s, u"Capital"_s, u"Securities"_s,
        u"Partners"_s, u"Police"_s, u"Army"_s, u"Navy"_s, u"Government"_s, u"Parliament"_s,
        u"Senate"_s, u"Congress"_s, u"Assembly"_s, u"Cabinet"_s, u"Treasury"_s, u"United"_s,
        u"City"_s, u"Rovers"_s, u"Athletic"_s, u"Forest"_s, u"Academy"_s, u"School"_s, u"College"_s,
        u"Hospital"_s, u"Nations"_s, u"Cup"_s, u"Championship"_s, u"Premiership"_s, u"Open"_s,
        u"Day"_s, u"Christmas"_s,

        u"Street"_s, u"Road"_s, u"Stadium"_s, u"Square"_s, u"Republic"_s, u"Kingdom"_s, u"States"_s,
        u"New"_s, u"Kong"_s, u"Angeles"_s, u"Europe"_s, u"America"_s, u"Africa"_s, u"Asia"_s,
        u"Airport"_s, u"Hotel"_s, u"Awards"_s, u"Festival"_s, u"Show"_s, u"Act"_s, u"Lords"_s,
        u"Commons"_s, u"Palace"_s, u"Records"_s, u"Music"_s, u"Pictures"_s, u"Studios"_s,
        u"Sport"_s, u"Sports"_s, u"International"_s, u"Management"_s, u"Communications"_s,
        u"Technologies"_s, u"Systems"_s, u"Electronics"_s, u"Watch"_s, u"Family"_s, u"State"_s,
        u"Grand"_s, u"Slam"_s, u"World"_s, u"Olympic"_s, u"Olympics"_s, u"Global"_s, u"Stock"_s,
        u"Financial"_s };
    return words;
}

const QSet<QString> &prepositions()
{
    static const QSet<QString> words = { u"of"_s, u"at"_s, u"for"_s, u"with"_s, u"from"_s, u"to"_s,
        u"by"_s, u"on"_s, u"in"_s, u"against"_s, u"over"_s, u"&"_s, u"and"_s, u"into"_s, u"about"_s,
        u"between"_s, u"behind"_s, u"under"_s, u"via"_s, u"than"_s };
    return words;
}

// "American Davenport", "French centre Philippe Sella": a nationality before a name.
const QSet<QString> &demonyms()
{
    static const QSet<QString> words = { u"American"_s, u"Australian"_s, u"British"_s, u"French"_s,
        u"German"_s, u"Dutch"_s, u"Spanish"_s, u"Italian"_s, u"Russian"_s, u"Chinese"_s,
        u"Japanese"_s, u"Irish"_s, u"Scottish"_s, u"Welsh"_s, u"English"_s, u"Swiss"_s,
        u"Swedish"_s, u"Belgian"_s, u"Canadian"_s, u"Indian"_s, u"Brazilian"_s, u"Argentine"_s,
        u"Argentinian"_s, u"Mexican"_s, u"Korean"_s, u"Polish"_s, u"Greek"_s, u"Turkish"_s,
        u"Portuguese"_s, u"Austrian"_s, u"Danish"_s, u"Norwegian"_s, u"Finnish"_s, u"Czech"_s,
        u"Croatian"_s, u"Serbian"_s, u"Nigerian"_s, u"Israeli"_s, u"Palestinian"_s, u"Iraqi"_s,
        u"Iranian"_s, u"Pakistani"_s, u"African"_s, u"European"_s, u"Asian"_s, u"Chilean"_s,
        u"Kenyan"_s, u"Jamaican"_s, u"Egyptian"_s, u"Saudi"_s, u"Ukrainian"_s, u"Romanian"_s,
        u"Hungarian"_s, u"Bulgarian"_s };
    return words;
}

bool isAcronym(const QString &word)
{
    if (word.size() < 2)
        return false;
    for (QChar c : word) {
        if (!c.isUpper() && !c.isDigit())
            return false;
    }
    return true;
}

bool isNameConnector(QStringView word)
{
    static const QStringList connectors = { u"of"_s, u"de"_s, u"van"_s, u"von"_s, u"da"_s, u"di"_s,
        u"du"_s, u"le"_s, u"la"_s, u"bin"_s, u"al"_s, u"&"_s };
    return connectors.contains(word.toString());
}

struct Word
{
    int start = 0;
    int end = 0;
    QString text;
    bool possessive = false;
};

// Words of [from, to): letters with inner apostrophes and hyphens, and a lone "&".
QList<Word> wordsIn(const QString &body, int from, int to)
{
    QList<Word> words;
    int i = from;
    while (i < to) {
        const QChar c = body.at(i);
        if (!c.isLetterOrNumber() && c != u'&') {
            ++i;
            continue;
        }
        int j = i + 1;
        if (c != u'&') {
            while (j < to) {
                const QChar d = body.at(j);
                const bool joiner = (d == u'\'' || d == u'’' || d == u'-') && j + 1 < to
                    && body.at(j + 1).isLetterOrNumber();
                if (!d.isLetterOrNumber() && !joiner)
                    break;
                j += joiner ? 2 : 1;
            }
        }
        Word word { i, j, body.mid(i, j - i), false };
        if (word.text.endsWith(u"'s"_s) || word.text.endsWith(u"’s"_s)) {
            word.text.chop(2);
            word.end -= 2;
            word.possessive = true;
        } else if (j < to && (body.at(j) == u'\'' || body.at(j) == u'’')
            && word.text.endsWith(u's')) {
            word.possessive = true; // Hearts' boss
        }
        words.append(word);
        i = j;
    }
    return words;
}

// "Bank of England", "Secretary of State": "of" joins names only after such words; "Olivier
// Rochus of Belgium" is a man and a country.
bool namesAnInstitution(const QList<Word> &words)
{
    for (const Word &word : words) {
        if (organisationWords().contains(word.text) || roleWords().contains(word.text)
            || isAcronym(word.text))
            return true;
    }
    return false;
}

} // namespace

NameFinder::NameFinder(const QString &body, const QList<QPair<int, int>> &excluded)
    : m_body(body)
{
    // Every word written in lower case, once: asking the text again for each capitalised
    // word would read it once per name.
    for (const Word &word : wordsIn(body, 0, int(body.size()))) {
        if (word.text.front().isUpper())
            continue;
        m_lowerCaseWords.insert(word.text);
        // "policy-makers" writes "policy" too.
        if (word.text.contains(u'-') || word.text.contains(u'\'') || word.text.contains(u'’')) {
            static const QRegularExpression joiners(u"[-'’]"_s);
            for (const QString &part : word.text.split(joiners, Qt::SkipEmptyParts))
                m_lowerCaseWords.insert(part);
        }
    }
    QList<Run> runs;
    int from = 0;
    for (const auto &range : excluded) {
        runs += runsIn(from, range.first);
        from = std::max(from, range.second);
    }
    runs += runsIn(from, int(body.size()));

    for (const Run &run : std::as_const(runs)) {
        if (run.words.size() >= 2) {
            bool organisation = false;
            for (const QString &word : run.words)
                organisation = organisation || organisationWords().contains(word) || isAcronym(word)
                    || functionWords().contains(word);
            if (!organisation) {
                m_fullNames.append({ run.start, run.words.join(u' ') });
                m_bySurname[run.words.back()].append(m_fullNames.back());
            }
        }
    }
    for (const Run &run : std::as_const(runs)) {
        Mention mention;
        mention.start = run.start;
        mention.end = run.end;
        mention.canonical = canonicalFor(run, &mention.kind);
        mention.afterPreposition = run.afterPreposition;
        mention.phraseStart = run.nameStart;
        mention.afterRoleWord = run.afterRoleWord;
        mention.role = run.role;
        if (!mention.canonical.isEmpty()) {
            if (!mention.role.isEmpty())
                m_byRole[mention.role].append(int(m_mentions.size()));
            if (mention.kind != Kind::Other || !m_kinds.contains(mention.canonical))
                m_kinds.insert(mention.canonical, mention.kind);
            QStringList &forms = m_forms[mention.canonical];
            if (forms.isEmpty())
                forms.append(mention.canonical);
            const QString form = body.mid(mention.start, mention.end - mention.start);
            if (!forms.contains(form))
                forms.append(form);
            m_mentions.append(mention);
        }
    }
}

std::optional<NameFinder::Mention> NameFinder::lastWithRole(const QString &role, int before) const
{
    const QList<int> indices = m_byRole.value(role);
    // The last one starting before `before`.
    auto it = std::lower_bound(indices.cbegin(), indices.cend(), before,
        [this](int index, int at) { return m_mentions.at(index).start < at; });
    if (it == indices.cbegin())
        return std::nullopt;
    return m_mentions.at(*(it - 1));
}

QStringList NameFinder::formsOf(const QString &canonical) const
{
    const QStringList forms = m_forms.value(canonical);
    return forms.isEmpty() ? QStringList { canonical } : forms;
}

bool NameFinder::isPronoun(const QString &word)
{
    static const QStringList pronouns
        = { u"he"_s, u"she"_s, u"they"_s, u"it"_s, u"we"_s, u"i"_s, u"you"_s };
    return pronouns.contains(word.toLower());
}

QList<NameFinder::Mention> NameFinder::mentionsIn(int from, int to) const
{
    QList<Mention> result;
    auto it = std::lower_bound(m_mentions.cbegin(), m_mentions.cend(), from,
        [](const Mention &mention, int at) { return mention.start < at; });
    for (; it != m_mentions.cend() && it->start < to; ++it)
        result.append(*it);
    return result;
}

QList<NameFinder::Run> NameFinder::runsIn(int from, int to) const
{
    QList<Run> runs;
    if (to <= from)
        return runs;
    const QList<Word> words = wordsIn(m_body, from, to);
    auto sentenceStart = [&](int at) {
        int i = at - 1;
        while (i >= 0 && (m_body.at(i) == u' ' || m_body.at(i) == u'"' || m_body.at(i) == u'“'))
            --i;
        return i < 0 || m_body.at(i) == u'\n' || m_body.at(i) == u'.' || m_body.at(i) == u'?'
            || m_body.at(i) == u'!' || m_body.at(i) == u':';
    };
    // Only a single space (or a connector word) joins two capitalised words into one name.
    auto joined = [&](const Word &a, const Word &b) {
        return b.start == a.end + 1 && m_body.at(a.end) == u' ' && !a.possessive;
    };
    qsizetype i = 0;
    while (i < words.size()) {
        const Word &first = words.at(i);
        if (!first.text.front().isUpper()) {
            ++i;
            continue;
        }
        Run run;
        run.start = first.start;
        // "The British Chambers of Commerce": a name after "the" is no one's first name.
        const bool afterThe = first.text == u"The"_s || (i > 0 && words.at(i - 1).text == u"the"_s);
        QList<Word> members { first };
        qsizetype j = i + 1;
        while (j < words.size() && joined(members.back(), words.at(j))) {
            const Word &next = words.at(j);
            if (next.text.front().isUpper()) {
                members.append(next);
                ++j;
            } else if (isNameConnector(next.text) && j + 1 < words.size()
                && words.at(j + 1).text.front().isUpper() && joined(next, words.at(j + 1))
                && (next.text != u"of"_s || namesAnInstitution(members) || afterThe)) {
                members.append(next);
                members.append(words.at(j + 1));
                j += 2;
            } else {
                break;
            }
        }
        const QString before = i > 0 ? words.at(i - 1).text : QString();
        const bool beforeIsThe = before == u"the"_s || before == u"a"_s || before == u"an"_s;
        const QString prepositionWord = beforeIsThe && i > 1 ? words.at(i - 2).text : before;
        run.afterPreposition = prepositions().contains(prepositionWord);
        run.afterRoleWord = !before.isEmpty() && before.front().isLower()
            && !prepositions().contains(before) && !beforeIsThe;

        // Leading words that name nobody: "But", "The", and a sentence's first word when the
        // article also uses it in lower case ("Singer Sam Endicott").
        qsizetype lead = 0;
        while (lead < members.size()
            && (functionWords().contains(members.at(lead).text)
                || (lead + 1 < members.size() && demonyms().contains(members.at(lead).text)
                    && !namesAnInstitution(members.mid(lead + 1)))
                || (lead == 0 && sentenceStart(members.at(0).start)
                    && usesInLowerCase(members.at(0).text)
                    && !roleWords().contains(members.at(0).text))
                || (lead == 0 && members.at(0).text.endsWith(u"ing"_s)
                    && sentenceStart(members.at(0).start))))
            ++lead;
        // What follows the last role word is the name: "Industry Secretary Patricia Hewitt".
        // A role word at the end is a surname ("Stephen King").
        qsizetype role = -1;
        for (qsizetype k = lead; k + 1 < members.size(); ++k) {
            if (roleWords().contains(members.at(k).text))
                role = k;
        }
        if (role >= 0) {
            run.titled = true;
            run.role = members.at(role).text.toLower();
            run.title = members.at(role).text;
            // "in Harrogate Mr Kennedy": the preposition governs the place, not the man.
            if (role > lead)
                run.afterPreposition = false;
            lead = role + 1;
        } else if (run.afterRoleWord) {
            run.role = before.toLower();
        }
        while (lead < members.size() && !members.at(lead).text.front().isUpper())
            ++lead;
        // A role alone ("the MP", "the Prime Minister") names nobody.
        if (lead + 1 == members.size() && roleWords().contains(members.at(lead).text))
            lead = members.size();
        if (lead < members.size()) {
            run.nameStart = members.at(role >= 0 ? role : lead).start;
            run.start = members.at(lead).start;
            run.end = members.back().end;
            for (qsizetype k = lead; k < members.size(); ++k)
                run.words.append(members.at(k).text);
            if (role >= 0)
                run.afterRoleWord = true;
            runs.append(run);
        }
        i = j;
    }
    return runs;
}

// Whether the body also writes the word in lower case, as a word of its own ("singer" beside
// "Singer Sam Endicott").
bool NameFinder::usesInLowerCase(const QString &word) const
{
    return m_lowerCaseWords.contains(word.toLower());
}

// "Us magazine", "Labour party": the noun after a name belongs to it.
QString NameFinder::organisationNounAfter(int end) const
{
    static const QRegularExpression noun(u"^ (magazine|newspaper|party)\\b"_s);
    const QRegularExpressionMatch match = noun.match(QStringView(m_body).mid(end, 12));
    return match.hasMatch() ? match.captured(0) : QString();
}

QString NameFinder::canonicalFor(const Run &run, Kind *kind) const
{
    const QString joinedWords = run.words.join(u' ');
    bool organisation = false;
    bool thing = false;
    for (const QString &word : run.words) {
        organisation = organisation || organisationWords().contains(word) || isAcronym(word);
        thing = thing || functionWords().contains(word);
    }
    if (organisation && !run.titled) {
        *kind = Kind::Organisation;
        return joinedWords + organisationNounAfter(run.end);
    }
    if (thing) {
        *kind = Kind::Other;
        return joinedWords;
    }
    if (run.words.size() >= 2) {
        *kind = Kind::Person;
        return joinedWords;
    }
    // A single word: the person of that surname named in full nearest before, else after.
    const QString &surname = run.words.front();
    QString best;
    for (const auto &[at, name] : m_bySurname.value(surname)) {
        if (name == surname)
            continue;
        if (at <= run.start || best.isEmpty())
            best = name;
        if (at > run.start)
            break;
    }
    if (!best.isEmpty()) {
        *kind = Kind::Person;
        return best;
    }
    // "the Dutchman", "the Spaniard": a description of someone, not a name.
    static const QSet<QString> nationals = { u"Spaniard"_s, u"Scot"_s, u"Swede"_s, u"Dane"_s,
        u"Pole"_s, u"Finn"_s, u"Turk"_s, u"Serb"_s, u"Croat"_s, u"Briton"_s, u"Kiwi"_s };
    if (!run.titled
        && (surname.endsWith(u"man"_s) || surname.endsWith(u"woman"_s)
            || demonyms().contains(surname) || nationals.contains(surname)))
        return {};
    *kind = run.titled ? Kind::Person : Kind::Other;
    // "Lord Rennard", "Mr Blunkett": with no full name given, the title stays with the name.
    if (run.titled && !roleWords().contains(surname))
        return run.title + u' ' + surname;
    if (const QString noun = organisationNounAfter(run.end); !run.titled && !noun.isEmpty()) {
        *kind = Kind::Organisation;
        return surname + noun;
    }
    return surname;
}
