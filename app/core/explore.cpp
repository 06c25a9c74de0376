#include "explore.hpp"

#include <algorithm>
#include <sstream>

#include "timeline.hpp"

namespace atlas {

SearchIndex::SearchIndex(const Facts& facts, const World& world, TextFold fold) : fold_(std::move(fold)) {
    auto add = [&](const std::string& id, const std::string& name, const char* kind, std::vector<std::string> more) {
        Entry e{{id, name, kind}, {}};
        more.insert(more.begin(), name);
        for (const auto& a : facts.aliases)
            if (a.entity == id) more.push_back(a.text);
        for (const auto& n : facts.names)
            if (n.entity == id) more.push_back(n.text);
        for (auto& n : more)
            if (!n.empty()) e.names.emplace_back(fold_(n), std::move(n));
        entries_.push_back(std::move(e));
    };
    for (const auto& c : world.countries) add(c.iso_a3, c.name, "country", {c.iso_a3});
    for (const auto& o : facts.organisations) add(o.id, o.name, "organisation", {o.abbreviation});
    for (const auto& r : facts.regions) add(r.id, r.name, "region", {});
    for (const auto& p : facts.places) add(p.id, p.name, "place", {});
    // A capital selects its country; its other names are listed under its name in names.csv.
    for (const auto& c : facts.capitals) {
        const int ci = world.country_index(c.country);
        if (ci < 0) continue;
        std::string label = c.name;
        label.append(", capital of ").append(world.countries[size_t(ci)].name);
        if (c.to) label.append(" ").append(std::to_string(c.from.year)).append("-").append(std::to_string(c.to->year));
        Entry e{{c.country, label, "capital"}, {}};
        e.names.emplace_back(fold_(c.name), c.name);
        for (const auto& n : facts.names)
            if (n.entity == c.name) e.names.emplace_back(fold_(n.text), n.text);
        entries_.push_back(std::move(e));
    }
}

std::vector<SearchHit> SearchIndex::find(const std::string& query, size_t max) const {
    const std::string q = fold_(query);
    if (q.empty()) return {};
    struct Scored {
        const Entry* entry;
        const std::string* via;  // the name that matched, as written
        int score;               // 0: the whole name, 1: a name starts with the query, 2: contains it
    };
    std::vector<Scored> found;
    for (const auto& e : entries_) {
        Scored best{&e, nullptr, 3};
        for (const auto& [folded, written] : e.names) {
            const auto at = folded.find(q);
            if (at == std::string::npos) continue;
            const int score = folded.size() == q.size() ? 0 : at == 0 ? 1 : 2;
            if (score < best.score) best = {&e, &written, score};
        }
        if (best.via) found.push_back(best);
    }
    std::stable_sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
    std::vector<SearchHit> out;
    for (const auto& f : found) {
        if (out.size() >= max) break;
        SearchHit hit = f.entry->hit;
        if (*f.via != f.entry->names.front().second) hit.label.append(" (").append(*f.via).append(")");
        out.push_back(std::move(hit));
    }
    return out;
}

std::vector<SearchHit> search_entities(const std::string& query, const Facts& facts, const World& world, size_t max,
                                       const TextFold& fold) {
    return SearchIndex(facts, world, fold).find(query, max);
}

std::string entity_name(const std::string& id, const Facts& facts, const World& world) {
    if (const int c = world.country_index(id); c >= 0) return world.countries[size_t(c)].name;
    if (const Organisation* o = facts.organisation(id)) return o->name;
    if (const Place* p = facts.place(id)) return p->name;
    if (const Region* r = facts.region(id)) return r->name;
    return {};
}

std::string standing_text(const Overlay& o, int country) {
    if (country < 0 || size_t(country) >= o.countries.size()) return {};
    const Standing& s = o.countries[size_t(country)];
    std::string out;
    if (o.csto_org && s.csto != Status::None) out = o.csto_org->abbreviation + " " + status_label(s.csto);
    if (o.sco_org && s.sco != Status::None)
        out += (out.empty() ? "" : "; ") + o.sco_org->abbreviation + " " + status_label(s.sco);
    return out.empty() ? "in neither" : out;
}

std::vector<std::string> members_on(const Facts& facts, const std::string& organisation, const Date& day) {
    std::vector<std::string> out;
    for (const auto& m : facts.memberships)
        if (m.organisation == organisation && m.holds_on(day) && m.status == Status::Member) out.push_back(m.country);
    return out;
}

std::vector<std::string> members_to_show(const Facts& facts, const std::string& organisation, const Date& day) {
    const Organisation* o = facts.organisation(organisation);
    if (!o) return {};
    Date d = day;
    if (d < o->from) d = o->from;
    if (o->until && !(d < *o->until)) {
        const long last = days_from_civil(*o->until) - 1;
        d = civil_from_days(last);
    }
    return members_on(facts, organisation, d);
}

std::string source_for_readers(const std::string& source) {
    auto bookkeeping = [](const std::string& part) {
        return part.find("://") != std::string::npos || part.find("geodata/") != std::string::npos;
    };
    // Parenthesised asides that are addresses or files go, with the space before them.
    std::string s;
    for (size_t i = 0; i < source.size();) {
        if (source[i] == '(') {
            // Its closing parenthesis, past any inside it ("(https://.../Kant_(air_base)?oldid=1)").
            size_t close = i + 1;
            for (int depth = 1; close < source.size(); ++close) {
                depth += source[close] == '(' ? 1 : source[close] == ')' ? -1 : 0;
                if (depth == 0) break;
            }
            if (close < source.size() && bookkeeping(source.substr(i, close - i))) {
                while (!s.empty() && s.back() == ' ') s.pop_back();
                i = close + 1;
                continue;
            }
        }
        s += source[i++];
    }
    // Clauses (between semicolons) about the data's files go; bare addresses go from the clauses
    // that say something else ("Kremlin: Charter signed in Chisinau, http://..." keeps its words).
    const auto trim_end = [](std::string& t) {
        while (!t.empty() && (t.back() == ' ' || t.back() == ',' || t.back() == ':')) t.pop_back();
    };
    std::string out;
    for (size_t start = 0; start <= s.size();) {
        const size_t end = std::min(s.find(';', start), s.size());
        const std::string clause = s.substr(start, end - start);
        start = end + 1;
        if (clause.find("geodata/") != std::string::npos) continue;
        std::string kept;
        std::istringstream words(clause);
        for (std::string w; words >> w;) {
            if (bookkeeping(w) || w.starts_with("www.")) {
                trim_end(kept);
                continue;
            }
            kept += (kept.empty() ? "" : " ") + w;
        }
        trim_end(kept);
        if (!kept.empty()) out += (out.empty() ? "" : "; ") + kept;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';')) out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

}  // namespace atlas
