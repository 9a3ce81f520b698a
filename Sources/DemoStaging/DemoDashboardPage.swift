/// `GET /`: a small dashboard page whose script does what a real single-page app does, so a
/// browser can record the demo's traffic (scripts/record-har.sh).
///
/// It logs in with the form, or at once with credentials from the URL fragment
/// (`/#email=user1@demo.test&password=demo-user`: a fragment never reaches a server or a
/// recording), then loads the four dashboard calls in parallel with the bearer token, then opens
/// the first listed task by its ID. When everything has rendered, `<main>` gets
/// `data-state="done"`; on any failure `data-state="failed"` and the error in `#status`.
enum DemoDashboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Demo staging dashboard</title>
        <style>
          body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
          section { border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1rem; margin: .5rem 0; }
          h2 { font-size: 1rem; margin: .3rem 0; }
          [data-state="failed"] #status { color: #b00; }
        </style>
        </head>
        <body>
        <main id="app" data-state="idle">
          <h1>Dashboard</h1>
          <form id="login">
            <input name="email" type="email" placeholder="email" required>
            <input name="password" type="password" placeholder="password" required>
            <button>Sign in</button>
          </form>
          <p id="status">Sign in, or open /#email=…&amp;password=… to sign in at once.</p>
          <section id="me"><h2>Me</h2><div class="body"></div></section>
          <section id="projects"><h2>Projects</h2><ul class="body"></ul></section>
          <section id="notifications"><h2>Notifications</h2><ul class="body"></ul></section>
          <section id="tasks"><h2>My tasks</h2><ul class="body"></ul></section>
          <section id="task-detail"><h2>Task</h2><div class="body"></div></section>
        </main>
        <script>
        "use strict";
        const app = document.getElementById("app");

        function setState(state, message) {
          app.dataset.state = state;
          document.getElementById("status").textContent = message;
        }

        // Fills a section with text nodes only: nothing from the API is parsed as HTML.
        function fill(id, lines) {
          const body = document.querySelector(`#${id} .body`);
          body.replaceChildren(...lines.map((line) => {
            const item = document.createElement(body.tagName === "UL" ? "li" : "p");
            item.textContent = line;
            return item;
          }));
          return body;
        }

        async function call(path, token, init = {}) {
          const headers = { Accept: "application/json", ...init.headers };
          if (token) headers.Authorization = `Bearer ${token}`;
          const response = await fetch(path, { ...init, headers });
          const body = await response.json();
          if (!response.ok) throw new Error(`${path}: ${response.status} ${body.error ?? ""}`);
          return body;
        }

        async function signIn(email, password) {
          setState("loading", `Signing in as ${email}…`);
          const login = await call("/api/login", null, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ email, password }),
          });
          setState("loading", `Signed in (${login.role}); loading the dashboard…`);
          const [me, projects, notifications, tasks] = await Promise.all([
            call("/api/me", login.token),
            call("/api/projects", login.token),
            call("/api/notifications", login.token),
            call("/api/dashboard/tasks?limit=5", login.token),
          ]);
          fill("me", [`${me.email} (${me.role})`]);
          fill("projects", projects.projects.map((p) => `${p.name} (#${p.id})`));
          fill("notifications", notifications.notifications.map((n) => (n.unread ? "• " : "") + n.text));
          fill("tasks", tasks.tasks.map((t) => `#${t.id} ${t.title} [${t.status}]`));
          if (tasks.tasks.length === 0) throw new Error("no tasks to open");
          // What a user does next: open the first task. Its ID comes from the list just received.
          const task = await call(`/api/tasks/${encodeURIComponent(tasks.tasks[0].id)}`, login.token);
          fill("task-detail", [`#${task.id} ${task.title} [${task.status}]`, task.description])
            .dataset.taskId = task.id;
          setState("done", `Dashboard ready for ${me.email}.`);
        }

        function start(email, password) {
          signIn(email, password).catch((error) => setState("failed", `Error: ${error.message}`));
        }

        document.getElementById("login").addEventListener("submit", (event) => {
          event.preventDefault();
          const form = new FormData(event.target);
          start(form.get("email"), form.get("password"));
        });
        const fragment = new URLSearchParams(location.hash.slice(1));
        if (fragment.has("email") && fragment.has("password")) start(fragment.get("email"), fragment.get("password"));
        </script>
        </body>
        </html>
        """#
}
