// The quiz in the window: a round of questions made from the facts (core/quiz.hpp), each answered
// by a click on the map, judged at once, and taught by the passage (and note) behind it; the answer
// is then shown on the map on the question's day. The panel is ui/quiz_panel.cpp.
// In the presentation the quiz is the class's: each question in the caption, answered aloud, and
// the answer shown with its passage when the teacher presses R or the clicker's next key.
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "core/quiz.hpp"
#include "export/figure.hpp"
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
    v.question = class_quiz() ? q.aloud : q.text;
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
    quiz_reveal_in_ = -1;
    flight_.active = false;
}

// The answer on the map, on its day: the right countries outlined (`first_country` first), or the
// place selected; the memberships, the places and the northern border shown again, as the map
// teaches it; and, two frames on (once the quiz's window has grown to the verdict), brought into
// view when it is out of it.
void Session::show_quiz_answer(const std::string& first_country) {
    const Question& q = quiz_->questions[quiz_at_];
    if (q.day) state_.date = *q.day;
    if (q.form == AnswerForm::Country) {
        select(first_country, false);
        for (const auto& other : q.countries)
            if (other != first_country) state_.selected_members.push_back(other);
    } else if (!q.facts.empty() && model_->facts->place(q.facts.front())) {
        select(q.facts.front(), false);
    }
    state_.layers.memberships = true;
    state_.layers.places = true;
    state_.layers.northern_border = true;
    quiz_reveal_in_ = 2;
    const Teaching t = teaching_of(q, *model_->facts, *model_->article);
    UiState::QuizView& v = ui_.quiz;
    v.answered = true;
    v.quote = t.quote;
    v.source = t.source;
    v.note = t.note;
}

// R (or the clicker's next key) in the class quiz: the answer, with nothing clicked.
void Session::show_class_answer() {
    const Question& q = quiz_->questions[quiz_at_];
    quiz_click_ = {std::nan(""), std::nan("")};
    show_quiz_answer(q.form == AnswerForm::Country ? q.countries.front() : "");
    UiState::QuizView& v = ui_.quiz;
    v.right = true;  // the place's ring in the answer's colour: no one's click is judged
    v.verdict = "The answer: " + q.answer + ".";
}

void Session::answer_quiz(Vec2 px) {
    const Question& q = quiz_->questions[quiz_at_];
    const Vec2 map = state_.camera.to_map(px);
    // Judged, and then shown, on the question's day (whose borders a click falls within).
    if (q.day) state_.date = *q.day;
    Verdict verdict;
    std::string first;
    if (q.form == AnswerForm::Country) {
        const int c = model_->country_at(map, state_.date);
        const std::string iso = c < 0 ? "" : model_->world->countries[size_t(c)].iso_a3;
        verdict = judge_country(q, *model_->world, iso);
        first = verdict.right ? iso : q.countries.front();  // the clicked one first when it is right
    } else {
        quiz_click_ = model_->projection->inverse(map);
        verdict = judge_point(q, quiz_click_, [](Vec2 a, Vec2 b) { return geodesic_course(a, b).distance_m / 1000; });
    }
    show_quiz_answer(first);
    UiState::QuizView& v = ui_.quiz;
    v.right = verdict.right;
    v.verdict = verdict.said;
    if (verdict.right)
        ++v.score;
    else
        v.missed.push_back(std::to_string(v.number) + ". " + q.text + " \u2014 " + q.answer);
}

void Session::end_quiz() {
    if (before_quiz_) {
        state_.layers = before_quiz_->layers;
        state_.date = before_quiz_->date;
        select(before_quiz_->selected, false);
        flight_.active = false;
        if (class_quiz()) {
            go_to_scene_ = int(player_->scene());  // flown back to the scene, as it is presented
        } else {
            state_.camera.centre = before_quiz_->centre;
            state_.camera.metres_per_px = before_quiz_->metres_per_px;
        }
    }
    quiz_reveal_in_ = -1;
    before_quiz_.reset();
    quiz_.reset();
    auto spots = std::move(ui_.quiz.spots);
    ui_.quiz = UiState::QuizView{};
    ui_.quiz.spots = std::move(spots);
}

// The --quiz start (once the start's view is framed beside the panels: the view it gives back at
// its end), and the panel's buttons (and their keys, see shortcut).
void Session::quiz_requests() {
    // In the presentation, once the scene has landed: its layers and day are what the quiz hides.
    if (quiz_pending_ && !home_pending_ && !(presenting() && (go_to_scene_ >= 0 || flight_.active))) {
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

// The answer brought into view with the click when it is out of the map's part of the window (or
// under the quiz's window, or the class quiz's caption): a place (the CSTO Charter's Chisinau from
// the region's view), or, when no right country's label anchor is in view (Armenia), the right
// country nearest the click or the view's centre. A flight to it and the click, at least 800 km
// across.
void Session::reveal_quiz_answer() {
    const Question& q = quiz_->questions[quiz_at_];
    const Vec2 click = model_->projection->forward(quiz_click_);
    const bool clicked = std::isfinite(click.x) && std::isfinite(click.y);
    Box area = map_area_px();
    if (class_quiz())
        area = Box{0, 0, double(viewport_.fb_width), double(viewport_.fb_height - quiz_caption().covered_bottom_px)};
    else if (const auto w = ui_.quiz.spots.find("window"); w != ui_.quiz.spots.end() && !area.empty())
        area.min_y = std::min(std::max(area.min_y, double(w->second.y1) * viewport_.pixel_ratio), area.max_y - 1);
    if (area.empty()) return;
    Box target;
    if (q.form == AnswerForm::Point) {
        const Vec2 place = model_->projection->forward(q.point);
        if (area.contains(state_.camera.to_screen(place))) return;
        target.add(place);
    } else {
        // In view: a right country's label anchor, or one of a grid of points over the area (a
        // part of Russia); else the nearest one's anchor is flown to.
        std::set<int> right;
        for (const auto& iso : q.countries)
            if (const int i = model_->world->country_index(iso); i >= 0) right.insert(i);
        constexpr int kAcross = 48, kDown = 27;
        for (int y = 0; y < kDown; ++y)
            for (int x = 0; x < kAcross; ++x) {
                const Vec2 px{area.min_x + (x + 0.5) * area.width() / kAcross, area.min_y + (y + 0.5) * area.height() / kDown};
                if (right.count(model_->country_at(state_.camera.to_map(px), state_.date))) return;
            }
        const ProjectedWorld& pw = model_->projected;
        const Vec2 from = clicked ? click : state_.camera.centre;
        double nearest = std::numeric_limits<double>::infinity();
        for (const int i : right) {
            if (size_t(i) >= pw.label_poles.size()) continue;
            const Vec2 pole = pw.label_poles[size_t(i)].point;
            if (!std::isfinite(pole.x) || !std::isfinite(pole.y)) continue;
            if (area.contains(state_.camera.to_screen(pole))) return;
            const double d = std::hypot(pole.x - from.x, pole.y - from.y);
            if (d < nearest) {
                nearest = d;
                target = Box{};
                target.add(pole);
            }
        }
        if (target.empty()) return;
    }
    constexpr double kHalfM = 400e3;
    if (clicked) target.add(click);
    const Vec2 mid = target.centre();
    target.add(Vec2{mid.x - kHalfM, mid.y - kHalfM});
    target.add(Vec2{mid.x + kHalfM, mid.y + kHalfM});
    flight_ = Flight{true, state_.camera, framed_in(state_.camera, target, area, 0.7), now_ns_, 1.2};
}

// The class quiz's caption: the question as asked aloud; then the answer, the passage that teaches
// it, where it is from, the note, and the map's day; at the end, how to ask the same round again.
const Frame& Session::quiz_caption() {
    const UiState::QuizView& v = ui_.quiz;
    const int w = viewport_.fb_width, h = viewport_.fb_height;
    const std::tuple key{int(quiz_at_) * 4 + (v.answered ? 2 : 0) + (v.finished ? 1 : 0), int(v.count), w, h};
    if (quiz_caption_of_ == key) return quiz_caption_frame_;
    Decorations::Caption c;
    c.quoted = false;
    const std::string round = "Quiz, round " + std::to_string(v.seed);
    if (v.count == 0) {
        c.heading = round;
        c.passage = "No question could be made from the data.";
        for (const auto& why : v.skipped) c.note += (c.note.empty() ? "" : " ") + why;
    } else if (v.finished) {
        const std::string n = std::to_string(v.seed);
        c.heading = round + ": the end";
        c.passage = "The same " + std::to_string(v.count) + " questions again: ca-atlas --quiz --quiz-seed " + n +
                    " in the window, or the worksheet and its answers: ca-atlas --export-quiz DIR --seed " + n + ".";
        c.source = "Page Down or Esc goes back to the presentation; Page Up to the last question.";
    } else {
        const Question& q = quiz_->questions[quiz_at_];
        const std::string of = std::to_string(v.number) + " of " + std::to_string(v.count);
        if (!v.answered) {
            c.heading = round + "   Question " + of;
            c.passage = q.aloud;
            c.source = "Answer aloud. R or Page Down shows the answer.";
        } else {
            c.heading = "Question " + of + ": the answer";
            c.passage = q.answer + (v.quote.empty() ? "." : ".   " + v.quote);  // the quote in its marks
            c.source = v.source;
            if (!v.note.empty()) c.note = "Note (not the author's words): " + v.note;
            if (q.day) c.dateline = "The map on " + q.day->text();
        }
    }
    quiz_caption_frame_ = presentation_caption_of(std::move(c), w, h, measure_, presentation_scale(h));
    quiz_caption_of_ = key;
    return quiz_caption_frame_;
}

// The class quiz's keys: R shows the answer; the clicker's next key (Page Down, Right, Space, N,
// Enter) shows it, then asks the next question, and after the last goes back to the presentation;
// its previous key (Page Up, Left) asks the question before again; B blanks the screen, L hides the
// legend; Q or Escape ends the quiz, giving back the scene as it was.
bool Session::class_quiz_key(const InputEvent& e) {
    const char c = e.key == Key::Character ? e.character : 0;
    UiState::QuizView& v = ui_.quiz;
    const bool next = e.key == Key::Right || e.key == Key::PageDown || e.key == Key::Return || c == ' ' || c == 'n';
    const bool back = e.key == Key::Left || e.key == Key::PageUp;
    if (c == 'q' || e.key == Key::Escape || (next && (v.finished || v.count == 0))) {
        end_quiz();
        return true;
    }
    if (c == 'b') player_->key(TourKey::Blank);
    if (c == 'l') presentation_legend_ = !presentation_legend_;
    if (v.count == 0 || v.finished) {
        if (back && v.finished) {  // the last question again, answered
            quiz_at_ = quiz_->questions.size() - 1;
            v.finished = false;
        }
        return true;
    }
    if ((c == 'r' || next) && !v.answered) {
        show_class_answer();
    } else if (next) {
        v.request_next = true;
    } else if (back && quiz_at_ > 0) {
        --quiz_at_;
        ask_quiz_question();
    }
    return true;
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
