#!/usr/bin/env python3
"""One heat-example trial: the 1-D heat equation u_t = alpha * u_xx on [0, 1]
with u = 0 at both ends and u(x, 0) = sin(pi x), stepped implicitly (backward
Euler) on n interior points. Each step solves (I + r A) u_new = u_old with
Jacobi or conjugate gradients. The exact solution exp(-alpha pi^2 t) sin(pi x)
gives the error. Standard library only.

Reports through the trial protocol: metrics.json and progress.jsonl (one line
per time step) in $SWEEPFORGE_OUTPUT_DIR, plus field.csv (the final profile).
"""
import argparse
import json
import math
import os
import time


def apply_operator(u, r):
    """(I + r A) u, where A is the second-difference matrix (2 on the diagonal)."""
    n = len(u)
    out = [0.0] * n
    for i in range(n):
        left = u[i - 1] if i > 0 else 0.0
        right = u[i + 1] if i < n - 1 else 0.0
        out[i] = (1 + 2 * r) * u[i] - r * (left + right)
    return out


def solve_jacobi(b, r, guess, tol, max_iterations):
    u = list(guess)
    diagonal = 1 + 2 * r
    norm_b = math.sqrt(sum(x * x for x in b)) or 1.0
    n = len(b)
    for iteration in range(1, max_iterations + 1):
        new = [0.0] * n
        for i in range(n):
            left = u[i - 1] if i > 0 else 0.0
            right = u[i + 1] if i < n - 1 else 0.0
            new[i] = (b[i] + r * (left + right)) / diagonal
        u = new
        residual = [bi - ai for bi, ai in zip(b, apply_operator(u, r))]
        if math.sqrt(sum(x * x for x in residual)) / norm_b < tol:
            return u, iteration
    return u, max_iterations


def solve_cg(b, r, guess, tol, max_iterations):
    u = list(guess)
    residual = [bi - ai for bi, ai in zip(b, apply_operator(u, r))]
    direction = list(residual)
    rho = sum(x * x for x in residual)
    norm_b = math.sqrt(sum(x * x for x in b)) or 1.0
    for iteration in range(1, max_iterations + 1):
        if math.sqrt(rho) / norm_b < tol:
            return u, iteration - 1
        q = apply_operator(direction, r)
        step = rho / sum(d * x for d, x in zip(direction, q))
        u = [ui + step * d for ui, d in zip(u, direction)]
        residual = [ri - step * x for ri, x in zip(residual, q)]
        rho_new = sum(x * x for x in residual)
        direction = [ri + (rho_new / rho) * d for ri, d in zip(residual, direction)]
        rho = rho_new
    return u, max_iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alpha", type=float, required=True, help="diffusivity")
    parser.add_argument("--n", type=int, required=True, help="interior grid points")
    parser.add_argument("--solver", choices=["jacobi", "cg"], required=True)
    parser.add_argument("--seed", type=int, default=0, help="recorded; the solver is deterministic")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--final-time", type=float, default=0.1)
    parser.add_argument("--tol", type=float, default=1e-8)
    args = parser.parse_args()

    output_dir = os.environ.get("SWEEPFORGE_OUTPUT_DIR", ".")
    os.makedirs(output_dir, exist_ok=True)
    solve = solve_jacobi if args.solver == "jacobi" else solve_cg

    dx = 1.0 / (args.n + 1)
    dt = args.final_time / args.steps
    r = args.alpha * dt / (dx * dx)
    xs = [(i + 1) * dx for i in range(args.n)]
    u = [math.sin(math.pi * x) for x in xs]

    started = time.perf_counter()
    total_iterations = 0
    with open(os.path.join(output_dir, "progress.jsonl"), "w") as progress:
        for step in range(1, args.steps + 1):
            u, iterations = solve(u, r, u, args.tol, 100_000)
            total_iterations += iterations
            t = step * dt
            decay = math.exp(-args.alpha * math.pi ** 2 * t)
            error = max(abs(ui - decay * math.sin(math.pi * x)) for ui, x in zip(u, xs))
            progress.write(json.dumps({"step": step, "time": t, "iterations": iterations,
                                       "max_error": error}) + "\n")

    seconds = time.perf_counter() - started
    decay = math.exp(-args.alpha * math.pi ** 2 * args.final_time)
    exact = [decay * math.sin(math.pi * x) for x in xs]
    l2_error = math.sqrt(dx * sum((ui - ei) ** 2 for ui, ei in zip(u, exact)))

    with open(os.path.join(output_dir, "field.csv"), "w") as field:
        field.write("x,u,exact\n")
        for x, ui, ei in zip(xs, u, exact):
            field.write(f"{x!r},{ui!r},{ei!r}\n")

    metrics = {"l2_error": l2_error, "iterations": total_iterations, "solve_seconds": seconds}
    with open(os.path.join(output_dir, "metrics.json"), "w") as out:
        json.dump(metrics, out, indent=2, sort_keys=True)
        out.write("\n")
    print(f"{args.solver} n={args.n} alpha={args.alpha}: l2 error {l2_error:.3e}, "
          f"{total_iterations} iterations, {seconds:.2f}s")


if __name__ == "__main__":
    main()
