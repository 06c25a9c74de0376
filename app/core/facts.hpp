// The article's world as data: organisations, memberships through time, places, regions, the
// names the article uses for each (aliases), the links between passages and entities, and notes
// where the article is dated or wrong. Pure C++: filled by atlas_geo from geodata/*.csv
// (format in geodata/README.md) and checked by validate().
#pragma once

#include <compare>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.hpp"
#include "geometry.hpp"

namespace atlas {

struct World;

// A calendar day.
struct Date {
    int year = 0, month = 0, day = 0;

    // Parses "YYYY-MM-DD" (a real day of the Gregorian calendar); nullopt otherwise.
    static std::optional<Date> parse(std::string_view text);
    std::string str() const;   // "YYYY-MM-DD"
    std::string text() const;  // "31 December 2012", as a reader writes it
    friend auto operator<=>(const Date&, const Date&) = default;
};

// The day the article's "today" ends: records from this day on are after the article
// (Iskandarov wrote in 2012; the issue of the journal is 2013).
inline constexpr Date kArticlePresentEnd{2013, 1, 1};
// The default date of the map: the article's present.
inline constexpr Date kArticleDate{2012, 12, 31};
// The timeline's range: from the year of the Collective Security Treaty to the end of 2026.
inline constexpr Date kTimelineStart{1992, 1, 1};
inline constexpr Date kTimelineEnd{2026, 12, 31};

// Where a record came from, for messages: "memberships.csv:12".
struct SourceLine {
    std::string file;
    int line = 0;
    // "file:line", or just "file" for a problem with the whole file (line 0).
    std::string str() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

// A country's standing in an organisation on a given day.
enum class Status { None, Member, Observer, DialoguePartner, Partner, Suspended, Frozen };

// The data's word for a status ("dialogue-partner"), and back (nullopt if not in the vocabulary).
const char* status_key(Status s);
std::optional<Status> parse_status(std::string_view key);
// How a student reads it: "dialogue partner", "member, participation frozen".
const char* status_label(Status s);

struct Organisation {
    std::string id;  // "cst", "csto", "shanghai5", "sco"
    std::string name, abbreviation;
    Date from;                       // founding (signature of its founding document)
    std::optional<Date> until;       // when it was succeeded
    std::string successor;           // organisation id, with `until`
    std::string founded_at;          // place id
    std::vector<std::string> seats;  // place ids of its seat and permanent bodies
    std::string source;
    SourceLine at;
};

// One period of one country's status in one organisation: [from, to), open-ended if no `to`.
struct Membership {
    std::string organisation, country;  // organisation id, ISO alpha-3
    Status status = Status::None;
    Date from;
    std::optional<Date> to;
    std::string source;
    SourceLine at;

    bool holds_on(const Date& d) const { return from <= d && (!to || d < *to); }
    // Records that begin after the article was written are shown as such.
    bool after_article() const { return from >= kArticlePresentEnd; }
};

// How well a place's location is known.
enum class Precision {
    Site,  // the facility itself, within about 1 km
    City,  // the city only, within about 15 km
    Area,  // only a region (Place::area): shown as that area, the point is just inside it
};

struct Place {
    std::string id, name;
    std::string kind;          // airbase, exercise, seat, signing, summit
    std::string organisation;  // organisation id
    Vec2 lonlat;
    Precision precision = Precision::City;
    std::string area;     // with Precision::Area: a province id or ISO alpha-3
    std::string country;  // ISO alpha-3 of the country the point lies in
    std::optional<Date> from, to;
    std::string source;
    SourceLine at;
};

// A region the article names, as geometry from the geodata.
struct Region {
    std::string id, name;
    std::string kind;                  // province, countries, boundary
    std::vector<std::string> members;  // province ids, ISO codes, or boundaries "AFG-TJK"
    std::string source;
    SourceLine at;
};

// A country's capital during a period (Kazakhstan's moved and was renamed; new states appear).
struct Capital {
    std::string country, name;  // ISO alpha-3, the city's name in that period
    Vec2 lonlat;
    Date from;
    std::optional<Date> to;
    std::string note, source;
    SourceLine at;
};

// A name the article uses for an entity, exactly as written ("the RF", "Afghan Badakhshan").
struct Alias {
    std::string entity, text;
    SourceLine at;
};

// An explicit link between a passage and an entity it speaks of.
struct Link {
    std::string passage, entity;
    std::string basis;  // "alias", or why the passage concerns the entity without naming it
    SourceLine at;
};

// What readers see beside a quote where the article is dated, wrong, or easily misread.
struct Note {
    std::string id, passage, entity;
    std::string kind;  // "dated", "correction" or "clarification"
    std::string text, source;
    SourceLine at;
};

// Another name a reader may type for an entity: a Russian name, an older spelling. Not the
// article's words (those are aliases); found by search only.
struct Name {
    std::string entity;    // an entity id, or a capital's name as in capitals.csv ("Dushanbe")
    std::string text;      // "Душанбе"
    std::string language;  // BCP 47: "ru"
    std::string source;
    SourceLine at;
};

// The published length of one land boundary; the map's generalised line is shorter.
struct PublishedLength {
    std::string boundary;  // "AFG-TJK", as in regions.csv
    double km = 0;
    std::string source;
    SourceLine at;
};

// A change of control the map draws by date: `area` (a province of the map) is drawn as
// `before`'s until the day `on`, and as `after`'s from that day.
struct ControlChange {
    std::string area;           // province id
    std::string before, after;  // ISO alpha-3
    Date on;
    std::string source;
    SourceLine at;
};

// One occurrence of an alias in a passage's text (byte offsets).
struct Mention {
    size_t begin = 0, end = 0;
    const Alias* alias = nullptr;
};

// A problem in the data, reported as "file:line: what is wrong".
struct DataProblem {
    SourceLine at;
    std::string message;
    // A problem found by another reader (the map, the article) names its file in `message`.
    std::string str() const { return at.file.empty() ? message : at.str() + ": " + message; }
};

struct Facts {
    std::vector<Organisation> organisations;
    std::vector<Membership> memberships;
    std::vector<Place> places;
    std::vector<Region> regions;
    std::vector<Alias> aliases;
    std::vector<Link> links;
    std::vector<Note> notes;
    std::vector<Capital> capitals;
    std::vector<Name> names;
    std::vector<PublishedLength> border_lengths;
    std::vector<ControlChange> control;

    // The record giving `country`'s status in `organisation` on `day`, or nullptr (not in it).
    const Membership* membership_on(const std::string& organisation, const std::string& country, const Date& day) const;
    Status status_on(const std::string& organisation, const std::string& country, const Date& day) const;
    const Organisation* organisation(const std::string& id) const;
    const Place* place(const std::string& id) const;
    const Region* region(const std::string& id) const;
    // The published length of the boundary between two countries, either order (nullptr if none).
    const PublishedLength* published_length(const std::string& iso_a, const std::string& iso_b) const;
    // The country `area` (a province id) is drawn as on `day` ("" if no change of control names it).
    std::string controlled_by(const std::string& area, const Date& day) const;
    // Links of an entity, in the order of the article's passages.
    std::vector<const Link*> links_of(const std::string& entity, const Article& article) const;
    // Every alias occurrence in `text`; an occurrence inside a longer one ("Collective Security
    // Treaty" inside "Collective Security Treaty Organization") is not counted.
    std::vector<Mention> mentions(std::string_view text) const;
};

// The name of a source, for a label: its text before the first comma, parenthesis or web
// address ("CIA World Factbook" of "CIA World Factbook, Afghanistan, https://...").
std::string source_name(const std::string& source);

// How search compares names: a function folding case and accents ("Chișinău" and "chisinau"
// give the same). The default folds ASCII letters only; the program passes a Unicode one.
using TextFold = std::function<std::string(std::string_view)>;
std::string fold_ascii(std::string_view text);

// Checks the whole set against itself, the map and the article; every problem, in file order.
// Names (names.csv) that fold to another entity's name are reported as collisions.
std::vector<DataProblem> validate(const Facts& facts, const World& world, const Article& article,
                                  const TextFold& fold = fold_ascii);

}  // namespace atlas
