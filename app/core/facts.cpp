// Queries over the article's facts, and the checks run on them at start-up.
#include "facts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

#include "world.hpp"

namespace atlas {

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto num = [&](size_t pos, size_t len, int& out) {
        for (size_t i = pos; i < pos + len; ++i)
            if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
        return std::from_chars(t.data() + pos, t.data() + pos + len, out).ec == std::errc{};
    };
    Date d;
    if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
    if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int days = kDays[size_t(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
    if (d.day > days) return std::nullopt;
    return d;
}

std::string Date::str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::text() const {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(day) + " " + months[(month + 11) % 12] + " " + std::to_string(year);
}

namespace {
struct StatusName {
    Status status;
    const char* key;
    const char* label;
};
constexpr std::array<StatusName, 6> kStatuses{{
    {Status::Member, "member", "member"},
    {Status::Observer, "observer", "observer"},
    {Status::DialoguePartner, "dialogue-partner", "dialogue partner"},
    {Status::Partner, "partner", "partner"},
    {Status::Suspended, "suspended", "membership suspended"},
    {Status::Frozen, "frozen", "member, participation frozen"},
}};
}  // namespace

const char* status_key(Status s) {
    for (const auto& n : kStatuses)
        if (n.status == s) return n.key;
    return "none";
}

const char* status_label(Status s) {
    for (const auto& n : kStatuses)
        if (n.status == s) return n.label;
    return "not a member";
}

std::optional<Status> parse_status(std::string_view key) {
    for (const auto& n : kStatuses)
        if (key == n.key) return n.status;
    return std::nullopt;
}

const Membership* Facts::membership_on(const std::string& org, const std::string& country, const Date& day) const {
    for (const auto& m : memberships)
        if (m.organisation == org && m.country == country && m.holds_on(day)) return &m;
    return nullptr;
}

Status Facts::status_on(const std::string& org, const std::string& country, const Date& day) const {
    const Membership* m = membership_on(org, country, day);
    return m ? m->status : Status::None;
}

const Organisation* Facts::organisation(const std::string& id) const {
    for (const auto& o : organisations)
        if (o.id == id) return &o;
    return nullptr;
}

const Place* Facts::place(const std::string& id) const {
    for (const auto& p : places)
        if (p.id == id) return &p;
    return nullptr;
}

const Region* Facts::region(const std::string& id) const {
    for (const auto& r : regions)
        if (r.id == id) return &r;
    return nullptr;
}

const PublishedLength* Facts::published_length(const std::string& a, const std::string& b) const {
    for (const auto& l : border_lengths)
        if (l.boundary == a + "-" + b || l.boundary == b + "-" + a) return &l;
    return nullptr;
}

std::string Facts::controlled_by(const std::string& area, const Date& day) const {
    // The changes of one area are in date order (validate checks it): the last one on or before
    // `day` decides, and before the first one its `before` holds.
    std::string out;
    for (const auto& c : control) {
        if (c.area != area) continue;
        if (day < c.on) return out.empty() ? c.before : out;
        out = c.after;
    }
    return out;
}

std::string source_name(const std::string& source) {
    size_t end = source.size();
    for (const char* stop : {",", " (", " http", ";"}) end = std::min(end, source.find(stop));
    std::string out = source.substr(0, end);
    while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
    return out;
}

std::string fold_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<const Link*> Facts::links_of(const std::string& entity, const Article& article) const {
    std::map<std::string, size_t> order;
    for (size_t i = 0; i < article.passages.size(); ++i) order[article.passages[i].id] = i;
    std::vector<const Link*> out;
    for (const auto& l : links)
        if (l.entity == entity) out.push_back(&l);
    auto pos = [&](const Link* l) {
        const auto it = order.find(l->passage);
        return it == order.end() ? order.size() : it->second;
    };
    std::stable_sort(out.begin(), out.end(), [&](const Link* a, const Link* b) { return pos(a) < pos(b); });
    return out;
}

namespace {
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }
// The article's apostrophe (U+2019) at `at`: it ends a word, so "Afghanistan’s" mentions Afghanistan.
bool apostrophe_at(std::string_view text, size_t at) { return text.substr(at, 3) == "\xE2\x80\x99"; }
}  // namespace

std::vector<Mention> Facts::mentions(std::string_view text) const {
    std::vector<Mention> all;
    for (const auto& a : aliases) {
        if (a.text.empty()) continue;
        for (size_t at = text.find(a.text); at != std::string_view::npos; at = text.find(a.text, at + 1)) {
            const size_t end = at + a.text.size();
            // Whole words only: "Iran" is not inside "Iranian", nor "RF" inside "RFE".
            if (at > 0 && word_char(text[at - 1]) && word_char(a.text.front())) continue;
            if (end < text.size() && word_char(text[end]) && word_char(a.text.back()) && !apostrophe_at(text, end))
                continue;
            all.push_back({at, end, &a});
        }
    }
    std::vector<Mention> out;
    for (const auto& m : all) {
        const bool inside_longer = std::any_of(all.begin(), all.end(), [&](const Mention& o) {
            return &o != &m && o.begin <= m.begin && m.end <= o.end && (o.end - o.begin) > (m.end - m.begin);
        });
        if (!inside_longer) out.push_back(m);
    }
    std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.alias->entity < b.alias->entity;
    });
    return out;
}

namespace {

constexpr std::array<const char*, 5> kPlaceKinds{"airbase", "exercise", "seat", "signing", "summit"};
constexpr std::array<const char*, 3> kRegionKinds{"province", "countries", "boundary"};
constexpr std::array<const char*, 3> kNoteKinds{"dated", "correction", "clarification"};

template <size_t N>
bool one_of(const std::string& s, const std::array<const char*, N>& words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return s == w; });
}

template <size_t N>
std::string list(const std::array<const char*, N>& words) {
    std::string out;
    for (const char* w : words) out += (out.empty() ? "" : ", ") + std::string(w);
    return out;
}

std::string fmt_lonlat(Vec2 p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f, %.4f", p.x, p.y);
    return buf;
}

class Checker {
public:
    Checker(const Facts& f, const World& w, const Article& a, const TextFold& fold)
        : facts_(f), world_(w), article_(a), fold_(fold) {
        for (const auto& c : world_.countries) frame_.add(bounds(c.shape));
        for (const auto& p : world_.provinces) provinces_[p.id] = &p;
    }

    std::vector<DataProblem> run() {
        entities();
        organisations();
        memberships();
        places();
        regions();
        aliases_and_links();
        notes();
        capitals();
        names();
        border_lengths();
        control();
        std::stable_sort(problems_.begin(), problems_.end(), [](const DataProblem& a, const DataProblem& b) {
            return a.at.file != b.at.file ? a.at.file < b.at.file : a.at.line < b.at.line;
        });
        return std::move(problems_);
    }

private:
    const Facts& facts_;
    const World& world_;
    const Article& article_;
    const TextFold& fold_;
    Box frame_;
    std::map<std::string, const Province*> provinces_;
    std::map<std::string, SourceLine> entity_at_;  // organisations, places, regions
    std::vector<DataProblem> problems_;

    void problem(const SourceLine& at, std::string message) { problems_.push_back({at, std::move(message)}); }

    bool is_country(const std::string& iso) const { return world_.country_index(iso) >= 0; }
    bool is_entity(const std::string& id) const { return is_country(id) || entity_at_.count(id) > 0; }

    void country(const SourceLine& at, const std::string& iso) {
        if (!is_country(iso)) problem(at, "unknown country code '" + iso + "'");
    }
    void passage(const SourceLine& at, const std::string& id) {
        if (!article_.passage(id)) problem(at, "no passage '" + id + "' in the article");
    }
    void organisation_ref(const SourceLine& at, const std::string& id) {
        if (!facts_.organisation(id)) problem(at, "unknown organisation '" + id + "'");
    }
    void place_ref(const SourceLine& at, const std::string& id) {
        if (!facts_.place(id)) problem(at, "unknown place '" + id + "'");
    }

    // Ids of organisations, places and regions share one namespace with the ISO codes.
    void entities() {
        auto add = [&](const std::string& id, const SourceLine& at) {
            if (const auto it = entity_at_.find(id); it != entity_at_.end())
                problem(at, "duplicate id '" + id + "' (first at " + it->second.str() + ")");
            else if (is_country(id))
                problem(at, "id '" + id + "' is already a country code");
            else
                entity_at_[id] = at;
        };
        for (const auto& o : facts_.organisations) add(o.id, o.at);
        for (const auto& p : facts_.places) add(p.id, p.at);
        for (const auto& r : facts_.regions) add(r.id, r.at);
    }

    void organisations() {
        for (const auto& o : facts_.organisations) {
            if (o.until && *o.until < o.from)
                problem(o.at, "until " + o.until->str() + " is before from " + o.from.str());
            if (!o.successor.empty()) organisation_ref(o.at, o.successor);
            if (!o.founded_at.empty()) place_ref(o.at, o.founded_at);
            for (const auto& s : o.seats) place_ref(o.at, s);
        }
    }

    void memberships() {
        std::map<std::pair<std::string, std::string>, const Membership*> last;
        for (const auto& m : facts_.memberships) {
            organisation_ref(m.at, m.organisation);
            country(m.at, m.country);
            if (m.to && *m.to <= m.from) {
                problem(m.at, "to " + m.to->str() + " is not after from " + m.from.str());
                continue;
            }
            if (const Organisation* o = facts_.organisation(m.organisation)) {
                if (m.from < o->from)
                    problem(m.at,
                            "from " + m.from.str() + " is before " + o->id + " was founded (" + o->from.str() + ")");
                if (o->until && (!m.to || *m.to > *o->until))
                    problem(m.at, "runs past " + o->until->str() + ", when " + o->id + " was succeeded");
            }
            auto& prev = last[{m.organisation, m.country}];
            if (prev) {
                if (m.from < prev->from)
                    problem(m.at,
                            "out of date order: starts before the record at line " + std::to_string(prev->at.line));
                else if (!prev->to || m.from < *prev->to)
                    problem(m.at, "overlaps the record at line " + std::to_string(prev->at.line) + " (" +
                                      m.organisation + ", " + m.country + ")");
            }
            prev = &m;
        }
    }

    void places() {
        for (const auto& p : facts_.places) {
            if (!one_of(p.kind, kPlaceKinds)) problem(p.at, "kind '" + p.kind + "' is not one of " + list(kPlaceKinds));
            organisation_ref(p.at, p.organisation);
            if (p.from && p.to && *p.to < *p.from)
                problem(p.at, "to " + p.to->str() + " is before from " + p.from->str());
            if (!frame_.contains(p.lonlat)) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "lon/lat %s is outside the map's region (lon %.1f to %.1f, lat %.1f to %.1f)",
                              fmt_lonlat(p.lonlat).c_str(), frame_.min_x, frame_.max_x, frame_.min_y, frame_.max_y);
                problem(p.at, buf);
                continue;
            }
            const int ci = world_.country_index(p.country);
            if (ci < 0) {
                country(p.at, p.country);
            } else if (!contains(world_.countries[size_t(ci)].shape, p.lonlat)) {
                problem(p.at, "lon/lat " + fmt_lonlat(p.lonlat) + " is not inside " + p.country + " (" +
                                  world_.countries[size_t(ci)].name + ")");
            }
            if (p.precision == Precision::Area) {
                if (p.area.empty()) {
                    problem(p.at, "precision 'area' needs an area (a province id or a country code)");
                } else if (const auto it = provinces_.find(p.area); it != provinces_.end()) {
                    if (!contains(it->second->shape, p.lonlat))
                        problem(p.at, "lon/lat " + fmt_lonlat(p.lonlat) + " is not inside its area " + p.area + " (" +
                                          it->second->name + ")");
                } else if (is_country(p.area)) {
                    if (p.area != p.country)
                        problem(p.at, "area " + p.area + " is not the place's country " + p.country);
                } else {
                    problem(p.at, "unknown area '" + p.area + "' (not a province id or a country code)");
                }
            } else if (!p.area.empty()) {
                problem(p.at, "an area is given but the precision is not 'area'");
            }
        }
    }

    void regions() {
        for (const auto& r : facts_.regions) {
            if (!one_of(r.kind, kRegionKinds)) {
                problem(r.at, "kind '" + r.kind + "' is not one of " + list(kRegionKinds));
                continue;
            }
            if (r.members.empty()) problem(r.at, "a region needs at least one member");
            for (const auto& m : r.members) {
                if (r.kind == "province" && !provinces_.count(m)) problem(r.at, "unknown province id '" + m + "'");
                if (r.kind == "countries") country(r.at, m);
                if (r.kind == "boundary") {
                    const auto dash = m.find('-');
                    const std::string a = m.substr(0, dash), b = dash == std::string::npos ? "" : m.substr(dash + 1);
                    const bool found =
                        std::any_of(world_.boundaries.begin(), world_.boundaries.end(), [&](const Boundary& x) {
                            return (x.iso_left == a && x.iso_right == b) || (x.iso_left == b && x.iso_right == a);
                        });
                    if (!found) problem(r.at, "no land boundary '" + m + "' in the map data");
                }
            }
        }
    }

    void aliases_and_links() {
        std::set<std::pair<std::string, std::string>> linked;  // passage, entity
        std::map<std::pair<std::string, std::string>, SourceLine> first;
        for (const auto& l : facts_.links) {
            passage(l.at, l.passage);
            if (!is_entity(l.entity)) problem(l.at, "unknown entity '" + l.entity + "'");
            if (l.basis.empty()) problem(l.at, "a link needs a basis ('alias' or why the passage concerns the entity)");
            const auto key = std::make_pair(l.passage, l.entity);
            if (const auto it = first.find(key); it != first.end())
                problem(l.at, "duplicate link " + l.passage + " -> " + l.entity + " (first at line " +
                                  std::to_string(it->second.line) + ")");
            else
                first[key] = l.at;
            linked.insert(key);
        }
        std::set<std::string> aliased;
        for (const auto& a : facts_.aliases) {
            if (!is_entity(a.entity)) problem(a.at, "unknown entity '" + a.entity + "'");
            if (a.text.empty()) problem(a.at, "empty alias");
            aliased.insert(a.entity);
        }
        // Every alias found in the text is linked, and every link that claims an alias has one.
        for (const auto& p : article_.passages) {
            std::set<std::string> named;
            for (const auto& m : facts_.mentions(p.text)) {
                named.insert(m.alias->entity);
                if (!linked.count({p.id, m.alias->entity}))
                    problem(m.alias->at, "passage " + p.id + " mentions '" + m.alias->text + "' but has no link to " +
                                             m.alias->entity);
            }
            for (const auto& l : facts_.links)
                if (l.passage == p.id && l.basis == "alias" && !named.count(l.entity))
                    problem(l.at, "basis 'alias', but no alias of " + l.entity + " occurs in " + p.id);
        }
        // Every entity of the data set, and every country the article names, has a passage.
        std::set<std::string> has_link;
        for (const auto& l : facts_.links) has_link.insert(l.entity);
        for (const auto& [id, at] : entity_at_)
            if (!has_link.count(id)) problem(at, "'" + id + "' is linked to no passage");
        for (const auto& a : facts_.aliases)
            if (is_country(a.entity) && !has_link.count(a.entity) && aliased.erase(a.entity))
                problem(a.at, "'" + a.entity + "' is linked to no passage");
    }

    void capitals() {
        std::map<std::string, const Capital*> last;
        for (const auto& c : facts_.capitals) {
            const int ci = world_.country_index(c.country);
            if (ci < 0) {
                country(c.at, c.country);
                continue;
            }
            if (c.to && *c.to <= c.from) problem(c.at, "to " + c.to->str() + " is not after from " + c.from.str());
            if (!contains(world_.countries[size_t(ci)].shape, c.lonlat))
                problem(c.at, "lon/lat " + fmt_lonlat(c.lonlat) + " is not inside " + c.country + " (" +
                                  world_.countries[size_t(ci)].name + ")");
            auto& prev = last[c.country];
            if (prev && (!prev->to || c.from < *prev->to))
                problem(c.at, "overlaps the record at line " + std::to_string(prev->at.line) + " (" + c.country + ")");
            prev = &c;
        }
    }

    // Other names: of a known entity or capital, with a source, and never (folded) another
    // entity's name, abbreviation, alias or other name, so a search never finds the wrong thing.
    void names() {
        std::map<std::string, std::pair<std::string, std::string>> owner;  // folded name -> entity, where
        auto claim = [&](const std::string& entity, const std::string& text, const std::string& where) {
            owner.emplace(fold_(text), std::make_pair(entity, where));
        };
        for (const auto& c : world_.countries) claim(c.iso_a3, c.name, "the map's name");
        for (const auto& o : facts_.organisations) {
            claim(o.id, o.name, o.at.str());
            claim(o.id, o.abbreviation, o.at.str());
        }
        for (const auto& p : facts_.places) claim(p.id, p.name, p.at.str());
        for (const auto& r : facts_.regions) claim(r.id, r.name, r.at.str());
        for (const auto& c : facts_.capitals) claim("capital " + c.name, c.name, c.at.str());
        for (const auto& a : facts_.aliases) {
            // An alias the article uses for one entity may not be another's name: its mentions
            // would link the passage to the wrong one, and search would find it.
            const auto [it, added] = owner.emplace(fold_(a.text), std::make_pair(a.entity, a.at.str()));
            if (!added && it->second.first != a.entity)
                problem(a.at, "alias '" + a.text + "' of " + a.entity + " is already a name of " + it->second.first +
                                  " (" + it->second.second + ")");
        }
        for (const auto& n : facts_.names) {
            const bool capital = std::any_of(facts_.capitals.begin(), facts_.capitals.end(),
                                             [&](const Capital& c) { return c.name == n.entity; });
            const std::string who = capital ? "capital " + n.entity : n.entity;
            if (!capital && !is_entity(n.entity))
                problem(n.at, "unknown entity '" + n.entity + "' (an id, an ISO code or a capital's name)");
            if (n.text.empty()) problem(n.at, "empty name");
            if (n.language.empty()) problem(n.at, "a name needs its language (BCP 47, e.g. ru)");
            if (n.source.empty()) problem(n.at, "a name needs a source");
            if (n.text.empty()) continue;
            const auto [it, added] = owner.emplace(fold_(n.text), std::make_pair(who, n.at.str()));
            if (!added && it->second.first != who)
                problem(n.at, "name '" + n.text + "' of " + who + " is already a name of " + it->second.first + " (" +
                                  it->second.second + ")");
        }
    }

    void border_lengths() {
        std::set<std::string> seen;
        for (const auto& l : facts_.border_lengths) {
            const auto dash = l.boundary.find('-');
            const std::string a = l.boundary.substr(0, dash), b = dash == std::string::npos ? "" : l.boundary.substr(dash + 1);
            const bool found = std::any_of(world_.boundaries.begin(), world_.boundaries.end(), [&](const Boundary& x) {
                return (x.iso_left == a && x.iso_right == b) || (x.iso_left == b && x.iso_right == a);
            });
            if (!found) problem(l.at, "no land boundary '" + l.boundary + "' in the map data");
            if (!seen.insert(a < b ? a + b : b + a).second) problem(l.at, "second length for " + l.boundary);
            if (!(l.km > 0)) problem(l.at, "a length must be more than 0 km");
            if (l.source.empty()) problem(l.at, "a published length needs its source");
        }
    }

    void control() {
        std::map<std::string, const ControlChange*> last;
        for (const auto& c : facts_.control) {
            const auto it = provinces_.find(c.area);
            if (it == provinces_.end()) {
                problem(c.at, "unknown province id '" + c.area + "'");
                continue;
            }
            country(c.at, c.before);
            country(c.at, c.after);
            if (c.before == c.after) problem(c.at, "before and after are the same country " + c.before);
            if (c.source.empty()) problem(c.at, "a change of control needs a source");
            if (c.on < kTimelineStart || kTimelineEnd < c.on)
                problem(c.at, "on " + c.on.str() + " is outside the timeline (" + kTimelineStart.str() + " to " +
                                  kTimelineEnd.str() + ")");
            auto& prev = last[c.area];
            if (prev) {
                if (!(prev->on < c.on))
                    problem(c.at, "out of date order: not after the change at line " + std::to_string(prev->at.line));
                else if (prev->after != c.before)
                    problem(c.at, "before is " + c.before + " but the change at line " + std::to_string(prev->at.line) +
                                      " left " + c.area + " to " + prev->after);
            } else if (c.before != it->second->iso_a3 && c.after != it->second->iso_a3) {
                problem(c.at, c.area + " is " + it->second->iso_a3 + "'s in the map data, neither before nor after");
            }
            prev = &c;
        }
    }

    void notes() {
        std::map<std::string, SourceLine> ids;
        for (const auto& n : facts_.notes) {
            if (const auto it = ids.find(n.id); it != ids.end())
                problem(n.at, "duplicate id '" + n.id + "' (first at line " + std::to_string(it->second.line) + ")");
            else
                ids[n.id] = n.at;
            passage(n.at, n.passage);
            if (!n.entity.empty() && !is_entity(n.entity)) problem(n.at, "unknown entity '" + n.entity + "'");
            if (!one_of(n.kind, kNoteKinds)) problem(n.at, "kind '" + n.kind + "' is not one of " + list(kNoteKinds));
            if (n.source.empty()) problem(n.at, "a note needs a source");
        }
    }
};

}  // namespace

std::vector<DataProblem> validate(const Facts& facts, const World& world, const Article& article,
                                  const TextFold& fold) {
    return Checker(facts, world, article, fold).run();
}

}  // namespace atlas
