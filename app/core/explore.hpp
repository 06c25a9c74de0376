// Exploring the map: finding an entity by any of its names, naming it, and saying where it
// stood on a day. Pure C++.
#pragma once

#include <string>
#include <vector>

#include "facts.hpp"
#include "overlay.hpp"
#include "world.hpp"

namespace atlas {

struct SearchHit {
    std::string id;     // ISO code, place, region or organisation id (a capital: its country's code)
    std::string label;  // what the list shows: "Kyrgyzstan (the Kyrgyz Republic)"
    std::string kind;   // "country", "capital", "place", "region", "organisation"
};

// Every name a reader may type, folded once: the map's and the data's names, ISO codes,
// abbreviations, the article's aliases, the other names of names.csv (Russian, older spellings)
// and the capitals of every period.
class SearchIndex {
public:
    SearchIndex() = default;
    SearchIndex(const Facts& facts, const World& world, TextFold fold = fold_ascii);

    // Entities with a name that contains `query` once both are folded: an exact name first, then
    // names starting with it, then the rest, each in the order country, organisation, region,
    // place, capital; at most `max`.
    std::vector<SearchHit> find(const std::string& query, size_t max = 12) const;

private:
    struct Entry {
        SearchHit hit;  // label: the entity's own name
        std::vector<std::pair<std::string, std::string>> names;  // folded, as written
    };
    std::vector<Entry> entries_;
    TextFold fold_ = fold_ascii;
};

// SearchIndex(facts, world, fold).find(query, max), for a single search.
std::vector<SearchHit> search_entities(const std::string& query, const Facts& facts, const World& world,
                                       size_t max = 12, const TextFold& fold = fold_ascii);

// The display name of an entity id ("" if unknown).
std::string entity_name(const std::string& id, const Facts& facts, const World& world);

// A source as a reader reads it: the data's bookkeeping left out (web addresses, the data's own
// files such as "geodata/build.sh"), the publication and what it says kept. "Xinhua, 7 May 2011:
// drill held in Kashi (http://...)" becomes "Xinhua, 7 May 2011: drill held in Kashi". The full
// text belongs in a tooltip.
std::string source_for_readers(const std::string& source);

// "CST member; Shanghai Five member", "SCO observer", "in neither" for a country on the overlay's day.
std::string standing_text(const Overlay& overlay, int country);

// The members of an organisation on a day (ISO codes).
std::vector<std::string> members_on(const Facts& facts, const std::string& organisation, const Date& day);

// The members to highlight for an organisation on a day: on that day if it existed, else on the
// nearest day it did (the Shanghai Five selected in 2012 shows its five of 2001).
std::vector<std::string> members_to_show(const Facts& facts, const std::string& organisation, const Date& day);

}  // namespace atlas
