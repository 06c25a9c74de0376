// The map quiz's questions, made from the facts tables, and the judging of an answer.
#include "quiz.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <tuple>

namespace atlas {

namespace {

const Country* country_of(const World& world, const std::string& iso) {
    const int i = world.country_index(iso);
    return i < 0 ? nullptr : &world.countries[size_t(i)];
}

std::string name_of(const World& world, const std::string& iso) {
    const Country* c = country_of(world, iso);
    return c ? c->name : iso;
}

// "Armenia, Belarus and Russia", in alphabetical order of the names.
std::string names_of(const World& world, const std::vector<std::string>& isos) {
    std::vector<std::string> names;
    for (const auto& iso : isos) names.push_back(name_of(world, iso));
    std::sort(names.begin(), names.end());
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + names[i];
    return out;
}

// "the CSTO"; "the Shanghai Five" (whose abbreviation is its name).
std::string the_org(const Organisation& o) { return "the " + (o.abbreviation.empty() ? o.name : o.abbreviation); }

// The passage that teaches a question about `entities`, the first of them what it asks about (an
// organisation, a place): of the passages that name it (else that are linked to it, else to any of
// them), the one linked to most of them, the earliest in the article on a tie; "" if none is linked.
std::string teaching_passage(const Facts& facts, const Article& article, const std::vector<std::string>& entities) {
    std::map<std::string, int> links;
    for (const auto& e : entities)
        for (const Link* l : facts.links_of(e, article)) ++links[l->passage];
    if (!entities.empty()) {
        std::set<std::string> first, naming;
        for (const Link* l : facts.links_of(entities.front(), article)) {
            first.insert(l->passage);
            if (l->basis == "alias") naming.insert(l->passage);
        }
        if (!naming.empty()) first = naming;
        if (!first.empty()) std::erase_if(links, [&](const auto& kv) { return !first.count(kv.first); });
    }
    std::string best;
    int best_count = 0, best_index = 0;
    for (const auto& [passage, count] : links) {
        const int index = article.index_of(passage);
        if (index < 0) continue;
        if (count > best_count || (count == best_count && index < best_index)) {
            best = passage;
            best_count = count;
            best_index = index;
        }
    }
    return best;
}

// The first note about `entity` (in notes.csv's order) on `passage`; "" if none.
std::string note_about(const Facts& facts, const std::string& entity, const std::string& passage) {
    for (const Note& n : facts.notes)
        if (n.entity == entity && n.passage == passage) return n.id;
    return "";
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The days a day-dependent question of an organisation is asked on: the last day of each year of
// its life (the timeline's last year is not over, so not its last day), and the article's day.
std::vector<Date> days_of(const Organisation& o) {
    std::set<Date> days;
    auto alive = [&o](const Date& d) { return o.from <= d && (!o.until || d < *o.until) && d < kTimelineEnd; };
    for (int y = std::max(o.from.year, kTimelineStart.year); y <= kTimelineEnd.year; ++y)
        if (const Date d{y, 12, 31}; alive(d)) days.insert(d);
    if (alive(kArticleDate)) days.insert(kArticleDate);
    return {days.begin(), days.end()};
}

std::vector<Question> members_on_day(const Facts& facts, const World& world, const Article& article) {
    std::vector<Question> out;
    for (const Organisation& o : facts.organisations)
        for (const Date& day : days_of(o)) {
            Question q;
            q.kind = QuestionKind::MembersOnDay;
            for (const Membership& m : facts.memberships)
                if (m.organisation == o.id && m.status == Status::Member && m.holds_on(day) &&
                    country_of(world, m.country)) {
                    q.countries.push_back(m.country);
                    q.facts.push_back(m.at.str());
                }
            if (q.countries.empty()) continue;
            q.text = "Click a country that was a member of " + the_org(o) + " on " + day.text() + ".";
            q.printed = "Name the countries that were members of " + the_org(o) + " on " + day.text() + ".";
            q.aloud = "Which countries were members of " + the_org(o) + " on " + day.text() + "?";
            q.answer = names_of(world, q.countries);
            q.day = day;
            std::vector<std::string> entities{o.id};
            entities.insert(entities.end(), q.countries.begin(), q.countries.end());
            q.passage = teaching_passage(facts, article, entities);
            out.push_back(std::move(q));
        }
    return out;
}

std::vector<Question> status_changes(const Facts& facts, const World& world, const Article& article) {
    // One question per organisation, status and year: every country whose record begins then is right.
    std::map<std::tuple<std::string, Status, int>, std::vector<const Membership*>> changes;
    for (const Membership& m : facts.memberships)
        if ((m.status == Status::Suspended || m.status == Status::Frozen) && country_of(world, m.country))
            changes[{m.organisation, m.status, m.from.year}].push_back(&m);
    std::vector<Question> out;
    for (const auto& [key, records] : changes) {
        const auto& [org_id, status, year] = key;
        const Organisation* o = facts.organisation(org_id);
        if (!o) continue;
        Question q;
        q.kind = QuestionKind::StatusChange;
        for (const Membership* m : records) {
            q.countries.push_back(m->country);
            q.facts.push_back(m->at.str());
        }
        const std::string what = status == Status::Suspended ? "suspended its membership of " + the_org(*o)
                                                             : "froze its participation in " + the_org(*o);
        q.text = records.size() == 1 ? "Which country " + what + " in " + std::to_string(year) + "? Click it."
                                     : "Click a country that " + what + " in " + std::to_string(year) + ".";
        q.printed = records.size() == 1 ? "Which country " + what + " in " + std::to_string(year) + "?"
                                        : "Name the countries that " + what + " in " + std::to_string(year) + ".";
        q.aloud = records.size() == 1 ? q.printed : "Which countries " + what + " in " + std::to_string(year) + "?";
        q.answer = names_of(world, q.countries);
        q.day = records.front()->from;
        std::vector<std::string> entities{o->id};
        entities.insert(entities.end(), q.countries.begin(), q.countries.end());
        q.passage = teaching_passage(facts, article, entities);
        for (const auto& c : q.countries)
            if (q.note.empty()) q.note = note_about(facts, c, q.passage);
        out.push_back(std::move(q));
    }
    return out;
}

// A question answered by a click near place `p`: its point, day, record, passage and note.
Question place_question(QuestionKind kind, const Place& p, const Facts& facts, const Article& article) {
    Question q;
    q.kind = kind;
    q.form = AnswerForm::Point;
    q.point = p.lonlat;
    q.day = p.from;
    q.facts = {p.id};
    q.passage = teaching_passage(facts, article, {p.id, p.organisation});
    q.note = note_about(facts, p.id, q.passage);
    return q;
}

std::vector<Question> where_is_place(const Facts& facts, const World& world, const Article& article) {
    std::vector<Question> out;
    for (const Place& p : facts.places) {
        if (p.precision == Precision::Area) continue;  // only a region is known: no point to click
        if (p.kind != "airbase" && p.kind != "seat" && p.kind != "exercise") continue;
        // The name without the city it ends with ("CSTO Secretariat, Moscow"), which would give it away.
        const std::string name = p.name.substr(0, p.name.find(", "));
        Question q = place_question(QuestionKind::WhereIsPlace, p, facts, article);
        const std::string where = p.kind == "exercise" ? "Where was the " + name + " held?" : "Where is the " + name + "?";
        q.text = where + " Click the map.";
        q.printed = where + " Mark it on the map with the question's number.";
        q.aloud = where;
        q.answer = p.name + " (" + name_of(world, p.country) + ")";
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Question> signing_cities(const Facts& facts, const World& world, const Article& article) {
    constexpr std::string_view kPrefix = "Signing of the ";
    std::vector<Question> out;
    for (const Place& p : facts.places) {
        if (p.kind != "signing" || p.precision == Precision::Area || p.name.rfind(kPrefix, 0) != 0) continue;
        const auto comma = p.name.rfind(", ");
        if (comma == std::string::npos || comma <= kPrefix.size()) continue;
        const std::string document = p.name.substr(kPrefix.size(), comma - kPrefix.size());
        const std::string city = p.name.substr(comma + 2);
        Question q = place_question(QuestionKind::SigningCity, p, facts, article);
        const bool several = document.find(" and the ") != std::string::npos;
        const std::string which = "In which city " + std::string(several ? "were" : "was") + " the " + document + " signed?";
        q.text = which + " Click it on the map.";
        q.printed = which + " Name it, and mark it on the map with the question's number.";
        q.aloud = which;
        q.answer = city + " (" + name_of(world, p.country) + ")";
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Question> longest_borders(const Facts& facts, const World& world, const Article& article) {
    std::vector<Question> out;
    for (const Region& r : facts.regions) {
        if (r.kind != "boundary" || r.members.size() < 2) continue;
        // The country every boundary of the region shares ("AFG-TJK AFG-UZB": Afghanistan), and the others.
        std::map<std::string, int> seen;
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto& b : r.members) {
            const auto dash = b.find('-');
            if (dash == std::string::npos) continue;
            pairs.emplace_back(b.substr(0, dash), b.substr(dash + 1));
            ++seen[pairs.back().first];
            ++seen[pairs.back().second];
        }
        std::string common;
        for (const auto& [iso, n] : seen)
            if (n == int(pairs.size())) common = iso;
        if (common.empty() || pairs.size() != r.members.size()) continue;
        std::vector<std::pair<double, std::string>> lengths;  // km, the other country
        std::vector<std::string> records;
        for (const auto& [a, b] : pairs) {
            const PublishedLength* l = facts.published_length(a, b);
            if (!l) break;
            lengths.emplace_back(l->km, a == common ? b : a);
            records.push_back(l->at.str());
        }
        if (lengths.size() != pairs.size()) continue;  // a length is not published: no answer
        std::sort(lengths.begin(), lengths.end());
        if (lengths[lengths.size() - 1].first == lengths[lengths.size() - 2].first) continue;  // no single answer
        Question q;
        q.kind = QuestionKind::LongestBorder;
        q.countries = {lengths.back().second};
        const std::string with = name_of(world, common);
        q.printed = "Of the countries along " + r.name + ", which has the longest border with " + with + "?";
        q.text = q.printed + " Click it.";
        q.aloud = q.printed;
        char km[32];
        std::string all;
        for (auto it = lengths.rbegin(); it != lengths.rend(); ++it) {
            std::snprintf(km, sizeof km, "%.0f km", it->first);
            all += (all.empty() ? "" : ", ") + name_of(world, it->second) + " " + km;
        }
        q.answer = name_of(world, lengths.back().second) + " (" + all + ")";
        q.facts = {r.id};
        q.facts.insert(q.facts.end(), records.begin(), records.end());
        q.passage = teaching_passage(facts, article, {r.id});
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Question> article_names(const Facts& facts, const World& world, const Article& article) {
    std::vector<Question> out;
    for (const Alias& a : facts.aliases) {
        const Country* c = country_of(world, a.entity);
        if (!c) continue;
        // Only a name that does not give the country away: "the RF", not "the Republic of Armenia"
        // nor "the Kyrgyz Republic" (a word of it begins the country's name).
        const std::string alias = lower(a.text), name = lower(c->name);
        if (alias.find(name) != std::string::npos || name.find(alias) != std::string::npos) continue;
        bool gives_away = false;
        for (size_t at = 0; at < alias.size();) {
            const size_t end = std::min(alias.find(' ', at), alias.size());
            if (end - at >= 4 && name.rfind(alias.substr(at, end - at), 0) == 0) gives_away = true;
            at = end + 1;
        }
        if (gives_away) continue;
        // Asked where the article uses it: the first passage it is found in.
        std::string passage;
        for (const Passage& p : article.passages) {
            for (const Mention& m : facts.mentions(p.text))
                if (m.alias == &a) passage = p.id;
            if (!passage.empty()) break;
        }
        if (passage.empty()) continue;
        Question q;
        q.kind = QuestionKind::ArticleName;
        q.countries = {c->iso_a3};
        q.printed = "The article calls it \u201c" + a.text + "\u201d: which country is it?";
        q.text = q.printed + " Click it.";
        q.aloud = q.printed;
        q.answer = c->name;
        q.facts = {a.at.str()};
        q.passage = passage;
        q.note = note_about(facts, c->iso_a3, passage);
        out.push_back(std::move(q));
    }
    return out;
}

// The trap a correction note points at: its passage speaks of a country's neighbours and an
// organisation, and the noted country, a neighbour, was not in it. Asked of the country the passage
// names whose neighbours most had a standing in the organisation on the article's day.
std::vector<Question> neighbours_outside(const Facts& facts, const World& world, const Article& article) {
    std::map<std::string, std::set<std::string>> neighbours;
    for (const Boundary& b : world.boundaries) {
        neighbours[b.iso_left].insert(b.iso_right);
        neighbours[b.iso_right].insert(b.iso_left);
    }
    std::vector<Question> out;
    const Date day = kArticleDate;
    for (const Note& n : facts.notes) {
        if (n.kind != "correction" || !country_of(world, n.entity)) continue;
        const Passage* p = article.passage(n.passage);
        if (!p) continue;
        std::vector<const Organisation*> orgs;
        std::set<std::string> named;
        for (const Link& l : facts.links)
            if (l.passage == n.passage)
                if (const Organisation* o = facts.organisation(l.entity)) orgs.push_back(o);
        for (const Mention& m : facts.mentions(p->text))
            if (country_of(world, m.alias->entity)) named.insert(m.alias->entity);
        for (const Organisation* o : orgs) {
            std::string best;
            double best_share = -1;
            for (const std::string& a : named) {
                if (!neighbours[a].count(n.entity)) continue;
                int standing = 0;
                for (const auto& nb : neighbours[a]) standing += facts.status_on(o->id, nb, day) != Status::None;
                const double share = double(standing) / double(neighbours[a].size());
                if (share > best_share) {
                    best = a;
                    best_share = share;
                }
            }
            if (best.empty()) continue;
            Question q;
            q.kind = QuestionKind::NeighbourOutside;
            for (const auto& nb : neighbours[best])
                if (facts.status_on(o->id, nb, day) == Status::None) q.countries.push_back(nb);
            if (q.countries.empty()) continue;
            const std::string which = " neighbour of " + name_of(world, best) + " that had no standing at all in " +
                                      the_org(*o) + " (not a member, observer, dialogue partner or partner) on " +
                                      day.text() + ".";
            q.text = "Click a" + which;
            q.printed = "Name a" + which;
            q.aloud = "Which neighbour of " + name_of(world, best) + " had no standing at all in " + the_org(*o) +
                      " (not a member, observer, dialogue partner or partner) on " + day.text() + "?";
            q.answer = names_of(world, q.countries);
            q.day = day;
            q.facts = {n.id};
            for (const Membership& m : facts.memberships)
                if (m.organisation == o->id && m.holds_on(day) && neighbours[best].count(m.country))
                    q.facts.push_back(m.at.str());
            q.passage = n.passage;
            q.note = n.id;
            out.push_back(std::move(q));
        }
    }
    return out;
}

// The seed's own shuffle: the same order from the same seed with any standard library (the
// library's distributions are not portable; mt19937's numbers are).
template <class T>
void shuffle(std::vector<T>& v, std::mt19937& rng) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

}  // namespace

const char* question_kind_key(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::MembersOnDay: return "members-on-day";
        case QuestionKind::StatusChange: return "status-change";
        case QuestionKind::WhereIsPlace: return "where-is-place";
        case QuestionKind::SigningCity: return "signing-city";
        case QuestionKind::LongestBorder: return "longest-border";
        case QuestionKind::ArticleName: return "article-name";
        case QuestionKind::NeighbourOutside: return "neighbour-outside";
    }
    return "?";
}

std::vector<Question> questions_of_kind(QuestionKind kind, const Facts& facts, const World& world,
                                        const Article& article) {
    switch (kind) {
        case QuestionKind::MembersOnDay: return members_on_day(facts, world, article);
        case QuestionKind::StatusChange: return status_changes(facts, world, article);
        case QuestionKind::WhereIsPlace: return where_is_place(facts, world, article);
        case QuestionKind::SigningCity: return signing_cities(facts, world, article);
        case QuestionKind::LongestBorder: return longest_borders(facts, world, article);
        case QuestionKind::ArticleName: return article_names(facts, world, article);
        case QuestionKind::NeighbourOutside: return neighbours_outside(facts, world, article);
    }
    return {};
}

QuizRound make_round(const Facts& facts, const World& world, const Article& article, unsigned seed, int count) {
    static const char* const kWhyNone[kQuestionKinds] = {
        "no organisation has a member on the map on any day",
        "no membership was suspended or frozen",
        "no airbase, seat or exercise is known to its site or city",
        "no place of signing is named \"Signing of the ..., City\"",
        "no region of boundaries has every border's published length",
        "no alias of a country that hides its name is used in the article",
        "no correction note names a country left out of an organisation",
    };
    QuizRound round;
    round.seed = seed;
    std::mt19937 rng(seed);
    std::vector<std::vector<Question>> pools;
    for (int k = 0; k < kQuestionKinds; ++k) {
        auto pool = questions_of_kind(QuestionKind(k), facts, world, article);
        if (pool.empty()) {
            round.skipped.push_back(std::string("no ") + question_kind_key(QuestionKind(k)) + " question: " + kWhyNone[k]);
            continue;
        }
        shuffle(pool, rng);
        pools.push_back(std::move(pool));
    }
    shuffle(pools, rng);
    for (size_t taken = 0; int(round.questions.size()) < count; ++taken) {
        bool any = false;
        for (auto& pool : pools)
            if (taken < pool.size() && int(round.questions.size()) < count) {
                round.questions.push_back(pool[taken]);
                any = true;
            }
        if (!any) break;
    }
    return round;
}

unsigned new_round_seed() { return std::random_device{}() % 1'000'000; }

Teaching teaching_of(const Question& q, const Facts& facts, const Article& article) {
    Teaching t;
    if (const Passage* p = article.passage(q.passage)) {
        t.quote = "\u201c" + p->text + "\u201d";
        const std::string place = place_in_article(article, *p);
        t.source = (place.empty() ? "" : place + ". ") + article.citation;
    }
    for (const Note& n : facts.notes)
        if (n.id == q.note) t.note = n.text + " (" + source_name(n.source) + ")";
    return t;
}

Verdict judge_country(const Question& q, const World& world, const std::string& iso_a3) {
    Verdict v;
    v.right = std::find(q.countries.begin(), q.countries.end(), iso_a3) != q.countries.end();
    const std::string clicked = iso_a3.empty() ? "the sea" : name_of(world, iso_a3);
    if (v.right)
        v.said = "Right: " + clicked + "." + (q.countries.size() > 1 ? " Every right answer: " + q.answer + "." : "");
    else
        v.said = "Not this one: " + clicked + ". The answer: " + q.answer + ".";
    return v;
}

Verdict judge_point(const Question& q, Vec2 lonlat, const std::function<double(Vec2, Vec2)>& distance_km) {
    Verdict v;
    if (!std::isfinite(lonlat.x) || !std::isfinite(lonlat.y)) {
        v.said = "That was off the map. The answer: " + q.answer + ".";
        return v;
    }
    const double d = distance_km(lonlat, q.point);
    v.right = d <= q.tolerance_km;
    char km[48];
    std::snprintf(km, sizeof km, "%.0f km", d);
    v.said = v.right ? "Right: " + q.answer + ", " + km + " from your click."
                     : "Not here: that is " + std::string(km) + " away. The answer: " + q.answer + ".";
    return v;
}

}  // namespace atlas
