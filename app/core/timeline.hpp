// The timeline from 1992 to 2026: days as numbers for a slider, and the events a student can
// jump to (foundings, enlargements, suspensions, signings, summits, exercises). Pure C++.
#pragma once

#include <string>
#include <vector>

#include "facts.hpp"
#include "world.hpp"

namespace atlas {

// Days since 1970-01-01 (proleptic Gregorian), and back.
long days_from_civil(const Date& d);
Date civil_from_days(long days);

struct TimelineEvent {
    Date date;
    std::vector<std::string> lines;  // what happened that day, one line each
};

// Every dated fact, grouped by day, in date order, within kTimelineStart..kTimelineEnd.
std::vector<TimelineEvent> timeline_events(const Facts& facts, const World& world);

// The event strictly before or after `day` (nullptr if none).
const TimelineEvent* previous_event(const std::vector<TimelineEvent>& events, const Date& day);
const TimelineEvent* next_event(const std::vector<TimelineEvent>& events, const Date& day);

// What happened on `day`, in a line for the timeline's header (what [ and ] and the event buttons
// landed on): the first of its lines, "(and N more)" when there are several; "" on a day without.
std::string event_on(const std::vector<TimelineEvent>& events, const Date& day);

}  // namespace atlas
