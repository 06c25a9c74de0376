// Random input from a seed (--random-input): what a class of 30 does to a projector's laptop,
// fed through SDL's queue as the events a user's mouse and keyboard make. The pointer itself is
// moved (SDL_WarpMouseInWindow), so hover and drags see it as they see a real one.
#pragma once

#include <SDL.h>

#include <random>

namespace atlas {

class RandomInput {
public:
    RandomInput(unsigned seed, int events) : rng_(seed), left_(events) {}
    bool done() const { return left_ <= 0; }
    int fed() const { return fed_; }
    // Pushes up to `per_frame` events into SDL's queue (moves warp the pointer instead).
    void feed(SDL_Window* window, int per_frame);

private:
    int pick(int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng_)); }
    std::mt19937 rng_;
    int left_ = 0, fed_ = 0;
    int x_ = 400, y_ = 300;
    bool held_ = false;
};

}  // namespace atlas
