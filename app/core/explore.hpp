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
    std::string id;     // ISO code, place, region or organisation id
    std::string label;  // what the list shows: "Kyrgyzstan (the Kyrgyz Republic)"
    std::string kind;   // "country", "place", "region", "organisation"
};

// Entities whose name, abbreviation or any alias contains `query` (case-insensitive), names
// starting with it first; at most `max`.
std::vector<SearchHit> search_entities(const std::string& query, const Facts& facts, const World& world,
                                       size_t max = 12);

// The display name of an entity id ("" if unknown).
std::string entity_name(const std::string& id, const Facts& facts, const World& world);

// "CST member; Shanghai Five member", "SCO observer", "in neither" for a country on the overlay's day.
std::string standing_text(const Overlay& overlay, int country);

// The members of an organisation on a day (ISO codes).
std::vector<std::string> members_on(const Facts& facts, const std::string& organisation, const Date& day);

// The members to highlight for an organisation on a day: on that day if it existed, else on the
// nearest day it did (the Shanghai Five selected in 2012 shows its five of 2001).
std::vector<std::string> members_to_show(const Facts& facts, const std::string& organisation, const Date& day);

}  // namespace atlas
