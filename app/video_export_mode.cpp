// `ca-atlas --export-video FILE`: the presentation of the tour as a video, with no display. The
// window's own session presents the tour on a clock of the video's frames (each scene held, then
// the clicker's Page Down and the flight to the next), its frames are drawn offscreen through EGL
// with the scene's drawings, and encoded as H.264 in MP4 (export/video.hpp). A frame the session
// did not change is the last picture again, converted once. The file appears only when complete;
// a failure, or SIGTERM, SIGINT or SIGHUP (the window's Cancel), leaves nothing.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <future>

#include "core/errors.hpp"
#include "export/figure.hpp"
#include "export/video.hpp"
#include "geo/model.hpp"
#include "modes.hpp"
#include "platform/headless.hpp"
#include "render/font.hpp"
#include "render/renderer.hpp"
#include "session/session.hpp"
#include "text/shape.hpp"

namespace atlas {

namespace {

std::atomic<bool> g_cancelled{false};

extern "C" void on_cancel(int) { g_cancelled = true; }

// SIGTERM, SIGINT and SIGHUP ask the export to stop, and SIGPIPE (whoever read its progress went
// away); the previous handlers come back with it.
class CancelSignals {
public:
    CancelSignals() {
        struct sigaction sa {};
        sa.sa_handler = on_cancel;
        sigemptyset(&sa.sa_mask);
        for (int i = 0; i < 4; ++i) sigaction(kSignals[i], &sa, &before_[i]);
    }
    ~CancelSignals() {
        for (int i = 0; i < 4; ++i) sigaction(kSignals[i], &before_[i], nullptr);
    }

private:
    static constexpr int kSignals[4] = {SIGTERM, SIGINT, SIGHUP, SIGPIPE};
    struct sigaction before_[4] {};
};

// The progress line on stderr: rewritten in place on a terminal, else a line per whole percent
// (which the window's export reads: "frame N of M").
class Progress {
public:
    explicit Progress(long long total) : total_(total), terminal_(::isatty(2) != 0) {}
    void at(long long frame, size_t scene, size_t scenes) {
        const int percent = int(frame * 100 / std::max(total_, 1LL));
        if (percent == last_ && frame != total_) return;
        last_ = percent;
        std::fprintf(stderr, "%sca-atlas: video: frame %lld of %lld (%d%%), scene %zu of %zu%s", terminal_ ? "\r" : "",
                     frame, total_, percent, scene, scenes, terminal_ ? "" : "\n");
        std::fflush(stderr);
    }
    void done() {
        if (terminal_) std::fputc('\n', stderr);
    }

private:
    long long total_;
    bool terminal_;
    int last_ = -1;
};

}  // namespace

int run_export_video(const Options& o) {
    const Phases phase(o.timings, 26);
    const int w = o.width > 0 ? o.width : 1920, h = o.height > 0 ? o.height : 1080;
    g_cancelled = false;
    CancelSignals signals;
    try {
        // The size, the rate and the path are checked (and the temporary file made) before any work.
        VideoEncoder video(o.export_video, w, h, o.video_fps);
        auto loading = std::async(std::launch::async, [&] {
            return MapModel::load(o.data.dir, o.projection, std::nullopt, o.data.tour, o.data.shipped);
        });
        std::unique_ptr<HeadlessContext> gl;
        std::unique_ptr<Font> font;
        std::unique_ptr<Renderer> renderer;
        try {
            gl = std::make_unique<HeadlessContext>();
            require_gl33();
            font = std::make_unique<Font>();
            renderer = std::make_unique<Renderer>(*font);
        } catch (...) {
            loading.wait();  // let the worker finish before unwinding what it reads
            throw;
        }
        auto model = loading.get();
        phase("GL and data ready");
        refuse_problems(*model, o.data.dir);
        // --layer's and the scenes' own, read before the first frame, not on a worker.
        add_user_layers(*model, tour_user_layers(o.user_layers, model->tour));
        if (model->tour.empty()) throw DataError(o.data.tour + ": the tour has no scene");
        std::vector<std::string> undrawable;  // texts with characters no installed font has
        const TextMeasure measure = measure_noting(font->shaper(), undrawable);

        // The presentation as F5 shows it on a screen of the video's size, from its first scene.
        SessionOptions so = session_options(o);
        so.present = 1;
        so.quiz = false;
        so.hover = false;
        so.frame_view = false;
        so.user_layers.clear();  // already in the model
        Session session(so, measure);
        Viewport viewport;
        viewport.fb_width = w;
        viewport.fb_height = h;
        viewport.width = float(w);
        viewport.height = float(h);
        session.set_viewport(viewport);
        session.start(std::move(model));
        const size_t scenes = session.scenes()->size();

        const long long hold = std::llround(o.hold_seconds * o.video_fps);
        const long long flight = std::llround(o.flight_seconds * o.video_fps);
        const long long total = (long long)scenes * hold + (long long)(scenes - 1) * flight;
        Progress progress(total);
        OffscreenTarget target(w, h);
        std::vector<std::uint8_t> picture;
        const MapModel* uploaded = nullptr;
        int drawn = -1;      // the session's frame in `picture` (its rebuild count)
        int repeats = 0;     // frames of `picture` not yet given to the encoder
        long long frame = 0;
        // The drawings are placed as the presentation places them: sized for a 1080-line screen.
        const float ink_scale = std::max(1.0f, float(h) / 1080.0f);
        for (size_t scene = 0; scene < scenes; ++scene) {
            if (scene > 0) {  // the clicker's next key: the flight to the scene, then its hold
                InputEvent next;
                next.kind = InputEvent::Kind::KeyDown;
                next.key = Key::PageDown;
                session.input(next);
            }
            const long long frames = hold + (scene > 0 ? flight : 0);
            for (long long k = 0; k < frames; ++k, ++frame) {
                if (g_cancelled) throw OutputError("the video was cancelled; nothing was written");
                session.set_viewport(viewport);
                session.update(frame * 1000000000LL / o.video_fps);
                if (session.take_new_model() || uploaded != session.model()) {  // a scene's projection
                    renderer->upload(session.model()->projected);
                    renderer->upload_features(session.model()->features);
                    uploaded = session.model();
                    drawn = -1;
                }
                if (session.frames_built() != drawn) {
                    if (repeats > 0) video.add(picture.data(), repeats);
                    Frame shown = *session.frame();
                    const size_t at = session.presented_scene();
                    if (at < scenes) add_ink(shown, *session.model(), (*session.scenes())[at].annotations,
                                             session.state().camera, ink_scale, measure);
                    target.bind();
                    renderer->draw(shown, w, h);
                    target.read_bottom_rows(h, picture);
                    drawn = session.frames_built();
                    repeats = 0;
                }
                ++repeats;
                progress.at(frame + 1, session.presented_scene() + 1, scenes);
            }
        }
        if (repeats > 0) video.add(picture.data(), repeats);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        video.finish();
        progress.done();
        phase("written");
        if (!undrawable.empty())
            std::fprintf(stderr, "ca-atlas: %s\n", undrawable_note(font->shaper(), undrawable).c_str());
        std::fprintf(stderr, "ca-atlas: wrote %s: %lld frames, %.1f s at %d fps, %dx%d, in %.1f s\n",
                     o.export_video.c_str(), video.frames(), double(video.frames()) / o.video_fps, o.video_fps, w, h,
                     (monotonic_ns() - phase.start_ns()) / 1e9);
        return 0;
    } catch (const std::exception& e) {
        return failure(e);
    }
}

}  // namespace atlas
