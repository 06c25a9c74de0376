#include "explore.hpp"

#include <algorithm>
#include <cctype>

#include "timeline.hpp"

namespace atlas {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
}  // namespace

std::vector<SearchHit> search_entities(const std::string& query, const Facts& facts, const World& world, size_t max) {
    const std::string q = lower(query);
    if (q.empty()) return {};
    struct Scored {
        SearchHit hit;
        int score;  // 0: a name starts with the query, 1: contains it
    };
    std::vector<Scored> found;
    auto consider = [&](const std::string& id, const std::string& name, const std::string& kind) {
        std::vector<std::string> names{name};
        for (const auto& a : facts.aliases)
            if (a.entity == id) names.push_back(a.text);
        if (const Organisation* o = facts.organisation(id)) names.push_back(o->abbreviation);
        int best = 2;
        std::string via;
        for (const auto& n : names) {
            const auto at = lower(n).find(q);
            if (at == std::string::npos) continue;
            const int score = at == 0 ? 0 : 1;
            if (score < best) {
                best = score;
                via = n;
            }
        }
        if (best < 2) found.push_back({{id, via == name ? name : name + " (" + via + ")", kind}, best});
    };
    for (const auto& c : world.countries) consider(c.iso_a3, c.name, "country");
    for (const auto& o : facts.organisations) consider(o.id, o.name, "organisation");
    for (const auto& r : facts.regions) consider(r.id, r.name, "region");
    for (const auto& p : facts.places) consider(p.id, p.name, "place");
    std::stable_sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) { return a.score < b.score; });
    std::vector<SearchHit> out;
    for (auto& f : found) {
        if (out.size() >= max) break;
        out.push_back(std::move(f.hit));
    }
    return out;
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

}  // namespace atlas
