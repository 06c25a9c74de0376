#version 330 core
// Signed distance (pixels, negative inside) to the symbol's shape, then a filled shape with an
// outline, or for a place known only to an area a hollow ring (the map shows through).
flat in vec4 v_fill;
flat in vec4 v_outline;
flat in float v_radius;
flat in float v_shape;
flat in vec2 v_params;
in vec2 v_local;
out vec4 o_colour;

float shape_distance(vec2 q, float r, int shape) {
    if (shape == 1) {  // square
        vec2 d = abs(q) - vec2(r * 0.82);
        return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
    }
    if (shape == 2) return (abs(q.x) + abs(q.y) - r) * 0.70710678;  // diamond
    if (shape == 3) {  // triangle, point up (q.y grows downwards)
        float side = max(dot(q, vec2(0.8660254, -0.5)), dot(q, vec2(-0.8660254, -0.5)));
        return max(q.y, side) - r * 0.5;
    }
    if (shape == 4) {  // five-pointed star, a point up
        float sector = 6.2831853 / 5.0;
        float a = atan(q.x, -q.y);
        float t = abs(mod(a, sector) - sector * 0.5) / (sector * 0.5);  // 1 at a point, 0 between
        float boundary = mix(r * 0.45, r, t * t);
        return (length(q) - boundary) * 0.75;
    }
    return length(q) - r;  // circle, dot
}

void main() {
    float d = shape_distance(v_local, v_radius, int(v_shape + 0.5));
    float ow = v_params.x;
    float outer = clamp(0.5 - (d - ow), 0.0, 1.0);  // shape grown by the outline
    float inner = clamp(0.5 - d, 0.0, 1.0);         // the shape itself
    vec4 c;
    if (v_params.y > 0.5) {
        float rw = max(v_radius * 0.3, 2.0);                 // width of the ring
        float ring = inner * clamp(0.5 + d + rw, 0.0, 1.0);  // inside the edge, within rw of it
        float edge_in = max(inner * clamp(0.5 + d + rw + ow, 0.0, 1.0) - ring, 0.0);
        float edge_out = outer * (1.0 - inner);
        float a = ring + edge_in + edge_out;
        c = vec4(mix(v_outline.rgb, v_fill.rgb, ring / max(a, 1e-4)), a * v_fill.a);
    } else {
        c = vec4(mix(v_outline.rgb, v_fill.rgb, inner), outer * v_fill.a);
    }
    if (c.a <= 0.0) discard;
    o_colour = c;
}
