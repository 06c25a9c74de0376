#include "timeline.hpp"

#include <algorithm>
#include <chrono>
#include <map>

namespace atlas {

long days_from_civil(const Date& d) {
    using namespace std::chrono;
    const year_month_day ymd{year{d.year}, month{unsigned(d.month)}, day{unsigned(d.day)}};
    return long(sys_days{ymd}.time_since_epoch().count());
}

Date civil_from_days(long days) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

std::vector<TimelineEvent> timeline_events(const Facts& facts, const World& world) {
    std::map<Date, std::vector<std::string>> by_day;
    auto add = [&](const Date& d, std::string line) {
        if (d < kTimelineStart || d > kTimelineEnd) return;
        auto& lines = by_day[d];
        if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
    };
    auto name_of = [&](const std::string& iso) {
        const int i = world.country_index(iso);
        return i >= 0 ? world.countries[size_t(i)].name : iso;
    };
    for (const auto& o : facts.organisations) add(o.from, o.name + " founded");
    for (const auto& m : facts.memberships) {
        const Organisation* o = facts.organisation(m.organisation);
        const std::string org = o ? o->abbreviation : m.organisation;
        // A founder continuing into a successor organisation is not news on the succession day.
        const bool continues = o && o->from == m.from;
        if (!continues) add(m.from, name_of(m.country) + ": " + org + " " + status_label(m.status));
        if (m.to) {
            // Leaving with no following record in the same organisation: say so.
            const bool followed =
                std::any_of(facts.memberships.begin(), facts.memberships.end(), [&](const Membership& n) {
                    return n.organisation == m.organisation && n.country == m.country && n.from == *m.to;
                });
            const bool succeeded = o && o->until && *o->until == *m.to;
            if (!followed && !succeeded) add(*m.to, name_of(m.country) + " leaves the " + org);
        }
    }
    for (const auto& p : facts.places)
        if (p.from && p.kind != "seat" && p.kind != "airbase") add(*p.from, p.name);
    for (const auto& p : facts.places)
        if (p.from && (p.kind == "seat" || p.kind == "airbase")) add(*p.from, p.name + " opens");
    std::vector<TimelineEvent> out;
    for (auto& [d, lines] : by_day) out.push_back({d, std::move(lines)});
    return out;
}

const TimelineEvent* previous_event(const std::vector<TimelineEvent>& events, const Date& day) {
    const TimelineEvent* best = nullptr;
    for (const auto& e : events)
        if (e.date < day) best = &e;
    return best;
}

const TimelineEvent* next_event(const std::vector<TimelineEvent>& events, const Date& day) {
    for (const auto& e : events)
        if (day < e.date) return &e;
    return nullptr;
}

std::string event_on(const std::vector<TimelineEvent>& events, const Date& day) {
    for (const auto& e : events)
        if (e.date == day && !e.lines.empty())
            return e.lines.front() +
                   (e.lines.size() > 1 ? " (and " + std::to_string(e.lines.size() - 1) + " more)" : std::string());
    return "";
}

}  // namespace atlas
