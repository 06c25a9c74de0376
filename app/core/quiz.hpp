// The map quiz: questions made from the facts tables (never from a list of answers), each answered
// on the map by a click on a country or a point, judged at once, and taught by the passage (and
// note) behind its facts. Pure C++: geodesic distances come in as a function (PROJ is in geo).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "article.hpp"
#include "facts.hpp"
#include "geometry.hpp"
#include "world.hpp"

namespace atlas {

// What a question asks; each kind is made from one kind of record.
enum class QuestionKind {
    MembersOnDay,       // memberships: a member of an organisation on a day (several right answers)
    StatusChange,       // memberships: who suspended or froze its membership in a year
    WhereIsPlace,       // places known to the site or the city: where it is
    SigningCity,        // places where a document was signed: in which city
    LongestBorder,      // published border lengths of a region of boundaries: the longest
    ArticleName,        // aliases: the country the article calls by another name
    NeighbourOutside,   // memberships and the map's boundaries: a neighbour left out of an organisation
};
inline constexpr int kQuestionKinds = 7;

// The data's word for a kind ("members-on-day"), as in a round's listing and the tests.
const char* question_kind_key(QuestionKind kind);

// How a question is answered on the map.
enum class AnswerForm {
    Country,  // a click on a country: right if it is one of `countries`
    Point,    // a click within `tolerance_km` of `point`
};

// A click farther than this from the place is wrong: about 25 pixels at the atlas's default view
// (4200 km on a 1080-pixel-high window), a finger's width on a classroom's projector.
inline constexpr double kPointToleranceKm = 100;

struct Question {
    QuestionKind kind = QuestionKind::MembersOnDay;
    std::string text;     // as the class reads it in the window, ending with what to click
    std::string printed;  // the same on paper (a worksheet): to name, or to mark on the map
    std::string aloud;    // the same asked of a class in the presentation, answered aloud
    AnswerForm form = AnswerForm::Country;
    std::vector<std::string> countries;  // Country: every right answer (ISO alpha-3)
    Vec2 point;                          // Point: lon/lat of the answer
    double tolerance_km = kPointToleranceKm;
    std::string answer;                  // the right answer as it reads ("Uzbekistan"; "Chisinau")
    std::optional<Date> day;             // the day the map shows while it is asked, if it depends on one
    std::string passage;                 // the passage that teaches it ("" if none is linked)
    std::string note;                    // a note's id where one applies
    std::vector<std::string> facts;      // the records it is made from: ids, or "file:line"
};

// A round: its questions in order, and the kinds that could not be made from the data (each with
// the reason, said to the user; the round is made from the others).
struct QuizRound {
    unsigned seed = 0;
    std::vector<Question> questions;
    std::vector<std::string> skipped;
};

// Every question of `kind` the data allows, in the data's order (the round draws from these).
// The day-dependent kinds are asked on the last day of each year of the organisation's life
// within the timeline, and on the article's day.
std::vector<Question> questions_of_kind(QuestionKind kind, const Facts& facts, const World& world,
                                        const Article& article);

// A round of `count` questions (fewer if the data has fewer), the same for the same seed and data:
// the kinds are taken in turn, in an order and with questions drawn by the seed.
QuizRound make_round(const Facts& facts, const World& world, const Article& article, unsigned seed, int count = 10);

// A new round's seed: short enough to read out to a class, which types it to get the same round.
unsigned new_round_seed();

// What teaches a question's answer, as the window and the answers sheet show it: its passage
// quoted ("" if none), where that is in the article with the citation, and its note's text with the
// note's source ("" if none).
struct Teaching {
    std::string quote, source, note;
};
Teaching teaching_of(const Question& q, const Facts& facts, const Article& article);

// The verdict on an answer.
struct Verdict {
    bool right = false;
    std::string said;  // "Right: Uzbekistan." / "Not this one: Kazakhstan. The answer: Uzbekistan."
};

// A click on country `iso_a3` ("" for the sea or no country) as the answer to a Country question.
Verdict judge_country(const Question& q, const World& world, const std::string& iso_a3);
// A click at `lonlat` (NaN for off the map) as the answer to a Point question; `distance_km`
// gives the geodesic distance between two lon/lat points.
Verdict judge_point(const Question& q, Vec2 lonlat, const std::function<double(Vec2, Vec2)>& distance_km);

}  // namespace atlas
