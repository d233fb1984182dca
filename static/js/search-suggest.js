/*
 * Header search suggestions: a progressive enhancement. Without this script the search box
 * is a plain form that submits to /search/. With it, the box becomes an ARIA 1.2 combobox
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) listing page and FAQ titles that
 * start like what the visitor types: Arrow keys move through them, Enter opens one,
 * Escape closes the list. Queries go only to this site's own /search/suggest/ endpoint.
 */
(function () {
    "use strict";

    var form = document.querySelector("form[data-suggest-url]");
    if (!form || !window.fetch) { return; }
    var input = form.querySelector("input[type=search]");
    var listbox = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var latestRequest = 0;

    listbox.id = input.id + "-suggestions";
    listbox.className = "site-search__suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggestions");
    listbox.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(listbox);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function close() {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function highlight(index) {
        options.forEach(function (option, i) {
            option.setAttribute("aria-selected", i === index ? "true" : "false");
        });
        active = index;
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", options[index].id);
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function show(suggestions) {
        listbox.textContent = "";
        options = suggestions.map(function (suggestion, i) {
            var option = document.createElement("li");
            option.id = listbox.id + "-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.dataset.url = suggestion.url;
            option.textContent = suggestion.title;
            var kind = document.createElement("span");
            kind.className = "site-search__suggestion-kind";
            kind.textContent = " " + suggestion.type;
            option.appendChild(kind);
            option.addEventListener("mousedown", function (event) {
                event.preventDefault(); // keep focus in the box until we navigate
                window.location.href = suggestion.url;
            });
            listbox.appendChild(option);
            return option;
        });
        active = -1;
        listbox.hidden = options.length === 0;
        input.setAttribute("aria-expanded", options.length ? "true" : "false");
        status.textContent = options.length
            ? options.length + (options.length === 1 ? " suggestion" : " suggestions") +
              " available. Use the up and down arrows to choose."
            : "";
    }

    function fetchSuggestions() {
        var query = input.value.trim();
        if (query.length < 2) { close(); status.textContent = ""; return; }
        var requestNumber = ++latestRequest;
        var url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) {
                if (requestNumber === latestRequest) { show(data.suggestions || []); }
            })
            .catch(close);
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(fetchSuggestions, 150);
    });

    input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown" && options.length) {
            event.preventDefault();
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
            highlight((active + 1) % options.length);
        } else if (event.key === "ArrowUp" && options.length) {
            event.preventDefault();
            highlight(active <= 0 ? options.length - 1 : active - 1);
        } else if (event.key === "Enter" && active >= 0 && !listbox.hidden) {
            event.preventDefault();
            window.location.href = options[active].dataset.url;
        } else if (event.key === "Escape") {
            close();
        }
    });

    input.addEventListener("blur", close);
})();
