// The quiz in the window: a round of questions made from the facts (core/quiz.hpp), each answered
// by a click on the map, judged at once, and taught by the passage (and note) behind it; the answer
// is then shown on the map on the question's day. The panel is ui/quiz_panel.cpp.
#include <cmath>
#include <utility>

#include "core/quiz.hpp"
#include "geo/geodesic.hpp"
#include "session/session.hpp"

namespace atlas {

void Session::start_quiz(unsigned seed) {
    if (!model_->facts || !model_->world || !model_->article) {
        ui_.errors.push_back("The quiz needs the map, the article and the fact tables, and one of them could not be read");
        return;
    }
    if (!before_quiz_)
        before_quiz_ = BeforeQuiz{state_.layers, state_.selected, state_.date, state_.camera.centre,
                                  state_.camera.metres_per_px};
    quiz_ = make_round(*model_->facts, *model_->world, *model_->article, seed, 10);
    quiz_at_ = 0;
    auto spots = std::move(ui_.quiz.spots);
    ui_.quiz = UiState::QuizView{};
    ui_.quiz.spots = std::move(spots);
    ui_.quiz.on = true;
    ui_.quiz.seed = seed;
    ui_.quiz.count = int(quiz_->questions.size());
    ui_.quiz.skipped = quiz_->skipped;
    if (quiz_->questions.empty()) {
        ui_.quiz.finished = true;  // the panel says why: every kind was skipped
        return;
    }
    ask_quiz_question();
}

void Session::ask_quiz_question() {
    const Question& q = quiz_->questions[quiz_at_];
    UiState::QuizView& v = ui_.quiz;
    v.number = int(quiz_at_) + 1;
    v.question = q.text;
    v.answered = v.right = false;
    v.verdict.clear();
    v.quote.clear();
    v.source.clear();
    v.note.clear();
    v.marks_px.clear();
    quiz_click_ = {std::nan(""), std::nan("")};
    // While it is asked, what would give answers away is hidden: the memberships' colours, the
    // places' symbols, and the northern border's published lengths; the day stays the user's (the
    // timeline names the day's events, and the tooltip's standing is left out, see describe).
    state_.layers = before_quiz_->layers;
    state_.layers.memberships = false;
    state_.layers.places = false;
    state_.layers.northern_border = false;
    state_.date = before_quiz_->date;
    select("", false);
}

void Session::answer_quiz(Vec2 px) {
    const Question& q = quiz_->questions[quiz_at_];
    const Vec2 map = state_.camera.to_map(px);
    // Judged, and then shown, on the question's day (whose borders a click falls within).
    if (q.day) state_.date = *q.day;
    Verdict verdict;
    if (q.form == AnswerForm::Country) {
        const int c = model_->country_at(map, state_.date);
        const std::string iso = c < 0 ? "" : model_->world->countries[size_t(c)].iso_a3;
        verdict = judge_country(q, *model_->world, iso);
        // The right countries outlined, the clicked one first when it is one of them.
        const std::string first = verdict.right ? iso : q.countries.front();
        select(first, false);
        for (const auto& other : q.countries)
            if (other != first) state_.selected_members.push_back(other);
    } else {
        quiz_click_ = model_->projection->inverse(map);
        verdict = judge_point(q, quiz_click_, [](Vec2 a, Vec2 b) { return geodesic_course(a, b).distance_m / 1000; });
        if (!q.facts.empty() && model_->facts->place(q.facts.front())) select(q.facts.front(), false);
        // The place is brought into view once the quiz's window has grown to the verdict
        // (reveal_quiz_answer, two frames on: the panels are laid out before the update).
        quiz_reveal_in_ = 2;
    }
    // The answer shown as the map teaches it: with the day's memberships, the places and the
    // northern border.
    state_.layers.memberships = true;
    state_.layers.places = true;
    state_.layers.northern_border = true;
    UiState::QuizView& v = ui_.quiz;
    v.answered = true;
    v.right = verdict.right;
    v.verdict = verdict.said;
    if (verdict.right)
        ++v.score;
    else
        v.missed.push_back(std::to_string(v.number) + ". " + q.text + " \u2014 " + q.answer);
    const Teaching t = teaching_of(q, *model_->facts, *model_->article);
    v.quote = t.quote;
    v.source = t.source;
    v.note = t.note;
}

void Session::end_quiz() {
    if (before_quiz_) {
        state_.layers = before_quiz_->layers;
        state_.date = before_quiz_->date;
        select(before_quiz_->selected, false);
        flight_.active = false;
        state_.camera.centre = before_quiz_->centre;
        state_.camera.metres_per_px = before_quiz_->metres_per_px;
    }
    before_quiz_.reset();
    quiz_.reset();
    auto spots = std::move(ui_.quiz.spots);
    ui_.quiz = UiState::QuizView{};
    ui_.quiz.spots = std::move(spots);
}

// The --quiz start (once the start's view is framed beside the panels: the view it gives back at
// its end), and the panel's buttons (and their keys, see shortcut).
void Session::quiz_requests() {
    if (quiz_pending_ && !home_pending_) {
        quiz_pending_ = false;
        start_quiz(options_.quiz_seed.value_or(new_round_seed()));
    }
    UiState::QuizView& v = ui_.quiz;
    if (std::exchange(v.request_close, false) && quizzing()) end_quiz();
    if (std::exchange(v.request_new_round, false)) start_quiz(new_round_seed());
    if (std::exchange(v.request_next, false) && quizzing() && v.answered && !v.finished) {
        if (++quiz_at_ < quiz_->questions.size())
            ask_quiz_question();
        else
            v.finished = true;  // the score and the review; the last answer stays on the map
    }
}

// The place of a question's answer brought into view with the click when it is out of the map's
// part of the window or under the quiz's window (the CSTO Charter's Chisinau from the region's
// view): a flight to both, at least 800 km across.
void Session::reveal_quiz_answer() {
    const Question& q = quiz_->questions[quiz_at_];
    const Vec2 place = model_->projection->forward(q.point);
    const Vec2 click = model_->projection->forward(quiz_click_);
    Box area = map_area_px();
    if (const auto w = ui_.quiz.spots.find("window"); w != ui_.quiz.spots.end() && !area.empty())
        area.min_y = std::min(std::max(area.min_y, double(w->second.y1) * viewport_.pixel_ratio), area.max_y - 1);
    if (area.empty() || area.contains(state_.camera.to_screen(place))) return;
    constexpr double kHalfM = 400e3;
    Box target;
    target.add(place);
    if (std::isfinite(click.x) && std::isfinite(click.y)) target.add(click);
    const Vec2 mid = target.centre();
    target.add(Vec2{mid.x - kHalfM, mid.y - kHalfM});
    target.add(Vec2{mid.x + kHalfM, mid.y + kHalfM});
    flight_ = Flight{true, state_.camera, framed_in(state_.camera, target, area, 0.7), now_ns_, 1.2};
}

// Where the answer and the click are on screen, and the circle a click had to fall in.
void Session::describe_quiz() {
    UiState::QuizView& v = ui_.quiz;
    if (quiz_reveal_in_ >= 0 && quiz_reveal_in_-- == 0 && quizzing() && v.answered && !v.finished) reveal_quiz_answer();
    v.marks_px.clear();
    v.circle_px = 0;
    if (!quizzing() || !v.answered || v.finished) return;
    const Question& q = quiz_->questions[quiz_at_];
    if (q.form != AnswerForm::Point) return;
    const float ratio = viewport_.pixel_ratio;
    auto screen = [&](Vec2 ll) {
        const Vec2 p = state_.camera.to_screen(model_->projection->forward(ll));
        return Vec2{p.x / ratio, p.y / ratio};
    };
    const Vec2 answer = screen(q.point);
    // The radius as drawn: the point tolerance_km north of the answer (a degree of latitude is
    // 111.2 km on the sphere of the Earth's mean radius).
    const Vec2 north = screen({q.point.x, q.point.y + q.tolerance_km / 111.2});
    v.marks_px.push_back(answer);
    v.circle_px = float(std::hypot(north.x - answer.x, north.y - answer.y));
    if (std::isfinite(quiz_click_.x) && std::isfinite(quiz_click_.y)) v.marks_px.push_back(screen(quiz_click_));
}

}  // namespace atlas
