// An example frontend for the clinic's headless API (/api/v2/): no build step, no dependencies.
//
// Open index.html?api=https://cms.example to read another API than DEFAULT_API. Routes:
//   #/                 the services list    (/api/v2/pages/?type=services.ServicePage)
//   #/services/<id>    one service page     (/api/v2/pages/<id>/)
//   ?content_type=…&token=…  a draft the admin's Preview sent here (/api/v2/page_preview/)
// The contact details and opening hours (/api/v2/settings/) are in the footer of every view.
//
// Everything from the API is put in the page as text (textContent); only the fields the API
// documents as HTML (rich text: FAQ answers, paragraphs and callouts in `body`) are parsed as
// HTML, and even those lose scripts, event handlers and javascript: links on the way in.
"use strict";

const DEFAULT_API = "http://127.0.0.1:8000";
const SERVICE_FIELDS = "summary,hero_image";
// The widths the hero image is shown at: full width of a 48rem column, less on phones.
const HERO_SIZES = "(min-width: 50rem) 48rem, 100vw";

const query = new URLSearchParams(window.location.search);
const API = apiBase(query.get("api"));

function apiBase(value) {
  if (!value) return DEFAULT_API;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") {
      return url.origin + url.pathname.replace(/\/+$/, "");
    }
  } catch (error) {
    // Not a URL: fall through to the default, and say so.
  }
  console.warn(`Ignoring ?api=${value}: not an http(s) URL. Using ${DEFAULT_API}.`);
  return DEFAULT_API;
}

// --- Talking to the API ---------------------------------------------------------------------

async function getJSON(path, params = {}) {
  const url = new URL(API + path);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" });
  } catch (error) {
    // A network failure, or the API refused this origin (CORS): the browser doesn't say which.
    throw new Error(
      `Couldn't reach the clinic's API at ${API}. Is it running, and is this page's origin ` +
        `(${window.location.origin}) in its DJANGO_CORS_ALLOWED_ORIGINS?`
    );
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || `The API answered ${response.status} for ${url.pathname}.`);
  }
  return data;
}

// --- Building the page safely ---------------------------------------------------------------

// el("p", {className: "x"}, "text", childNode): strings become text nodes, never HTML.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SAFE_LINK = /^(https?:|mailto:|tel:|#|\/)/i;
const DROPPED_ELEMENTS = "script, style, iframe, object, embed, form, link, meta, base";

// The API's rich-text HTML, parsed inert in a <template> and cleaned before it is shown.
function richText(html, className = "rich-text") {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  template.content.querySelectorAll(DROPPED_ELEMENTS).forEach((node) => node.remove());
  for (const node of template.content.querySelectorAll("*")) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      const isLink = name === "href" || name === "src" || name === "srcset";
      const unsafeLink = isLink && !SAFE_LINK.test(attribute.value.trim());
      if (name.startsWith("on") || name === "style" || unsafeLink) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  const container = el("div", { className });
  container.append(template.content);
  return container;
}

function safeHref(url) {
  return url && SAFE_LINK.test(url) ? url : null;
}

// The API's image JSON as <picture>: AVIF, then WebP, then JPEG, each a srcset of widths.
// `loading`: "eager" for the image at the top of a page, "lazy" for those further down.
function picture(image, sizes, loading = "lazy") {
  if (!image || !Array.isArray(image.sources)) return null;
  const jpeg = image.sources.find((source) => source.format === "jpeg");
  // Browsers without <picture> support get the widest JPEG.
  const fallback = jpeg && jpeg.renditions.length ? jpeg.renditions.at(-1) : null;
  return el(
    "picture",
    {},
    image.sources.map((source) =>
      el("source", { type: source.mime_type, srcset: source.srcset, sizes })
    ),
    el("img", {
      src: fallback ? fallback.url : null,
      alt: image.alt || "",
      width: image.width,
      height: image.height,
      loading,
      decoding: "async",
    })
  );
}

function section(heading, ...content) {
  const id = "section-" + heading.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return el("section", { "aria-labelledby": id }, el("h2", { id }, heading), ...content);
}

function list(items, ordered = false) {
  return el(ordered ? "ol" : "ul", {}, items.map((item) => el("li", {}, item)));
}

// --- Views ----------------------------------------------------------------------------------

const view = document.getElementById("view");
let siteName = "Clinic";
let viewTitle = "";

function show(title, ...content) {
  view.replaceChildren(...content.flat().filter(Boolean));
  viewTitle = title;
  updateTitle();
}

function updateTitle() {
  document.title = viewTitle ? `${viewTitle} – ${siteName}` : siteName;
}

async function servicesView() {
  const data = await getJSON("/api/v2/pages/", {
    type: "services.ServicePage",
    fields: SERVICE_FIELDS,
    limit: 50,
  });
  const items = data.items.map((service) =>
    el(
      "li",
      {},
      el("h2", {}, el("a", { href: `#/services/${service.id}` }, service.title)),
      el("p", {}, service.summary)
    )
  );
  show(
    "Services",
    el("h1", { tabindex: "-1" }, "Our services"),
    items.length ? el("ul", { className: "services" }, items) : el("p", {}, "No services yet.")
  );
}

async function serviceView(id) {
  renderService(await getJSON(`/api/v2/pages/${encodeURIComponent(id)}/`));
}

function faqList(faqs) {
  return faqs.map((faq) =>
    el("details", {}, el("summary", {}, faq.question), richText(faq.answer, "answer"))
  );
}

function bodyBlock(block) {
  const value = block.value;
  switch (block.type) {
    case "heading":
      // The body's headings sit under the page's own h2 sections.
      return el(value.level === "h3" ? "h3" : "h2", {}, value.text);
    case "paragraph":
      return richText(value);
    case "callout":
      return el("aside", { className: "callout" }, el("h3", {}, value.title), richText(value.text));
    case "image":
      return el(
        "figure",
        {},
        picture(value.image, HERO_SIZES),
        value.caption ? el("figcaption", {}, value.caption) : null
      );
    default:
      return null; // A block this example doesn't know: leave it out rather than guess.
  }
}

// A section with a list, or nothing when the list is empty.
function listSection(heading, items, ...more) {
  return items && items.length ? section(heading, list(items), ...more) : null;
}

function renderService(page) {
  const plan = page.treatment_plan || {};
  const steps = (page.steps || []).map((step) => [
    el("h3", {}, step.title),
    el("p", {}, step.description),
  ]);
  const faqs = page.related_faqs || [];
  show(
    page.title,
    el("h1", { tabindex: "-1" }, page.title),
    el("p", { className: "summary" }, page.summary),
    picture(page.hero_image, HERO_SIZES, "eager"),
    steps.length ? section("How it works", list(steps, true)) : null,
    listSection("Who it can help", page.suitable_for),
    listSection("Who it can't help", page.not_suitable_for),
    plan.schedule_text
      ? section("Treatment plan", el("p", { className: "plan" }, plan.schedule_text))
      : null,
    listSection("Aftercare", page.aftercare, page.downtime ? el("p", {}, page.downtime) : null),
    listSection("Risks and limitations", page.risks),
    (page.body || []).map(bodyBlock),
    faqs.length ? section("Questions", ...faqList(faqs)) : null,
    page.disclaimer ? el("p", { className: "disclaimer" }, page.disclaimer) : null
  );
}

// Other page types (in a preview): the title and the plain-text fields the API gives.
function renderOtherPage(page) {
  const texts = ["intro", "hero_heading", "hero_intro", "summary", "cta_text"]
    .filter((name) => typeof page[name] === "string" && page[name])
    .map((name) => el("p", {}, page[name]));
  show(
    page.title,
    el("h1", { tabindex: "-1" }, page.title),
    ...texts,
    el("p", {}, `This example only renders service pages in full (this is a ${page.meta.type}).`)
  );
}

async function previewView(contentType, token) {
  const page = await getJSON("/api/v2/page_preview/", { content_type: contentType, token });
  const banner = el(
    "p",
    { className: "preview-banner" },
    "Preview of a draft: visitors don't see these changes until the page is published."
  );
  view.before(banner);
  if (page.meta.type === "services.ServicePage") renderService(page);
  else renderOtherPage(page);
}

// --- Contact details (every view) -----------------------------------------------------------

function renderSettings(clinic) {
  siteName = clinic.clinic_name || siteName;
  updateTitle();
  document.getElementById("site-name").textContent = siteName;
  const phoneLink = () => el("a", { href: safeHref(clinic.phone_href) }, clinic.phone);
  if (clinic.phone) document.getElementById("header-phone").replaceChildren("Call ", phoneLink());

  const hours = el(
    "table",
    {},
    el("caption", {}, "Opening hours"),
    el(
      "tbody",
      {},
      (clinic.opening_hours || []).map((day) =>
        el("tr", {}, el("th", { scope: "row" }, day.day), el("td", {}, day.text))
      )
    )
  );
  const address = clinic.address && clinic.address.lines ? clinic.address.lines : [];
  document.getElementById("contact-details").replaceChildren(
    el("p", { className: "clinic-name" }, clinic.clinic_name),
    address.length
      ? el("address", {}, address.flatMap((line, i) => (i ? [el("br"), line] : [line])))
      : null,
    clinic.phone ? el("p", { className: "phone" }, "Phone: ", phoneLink()) : null,
    clinic.email
      ? el("p", {}, "Email: ", el("a", { href: `mailto:${clinic.email}` }, clinic.email))
      : null,
    hours,
    clinic.hours_note ? el("p", {}, clinic.hours_note) : null,
    safeHref(clinic.booking_url)
      ? el("p", {}, el("a", { href: safeHref(clinic.booking_url) }, "Book a consultation"))
      : null
  );
}

// --- Routing --------------------------------------------------------------------------------

function showStatus(message) {
  document.getElementById("status").textContent = message;
}

async function route({ moveFocus }) {
  showStatus("");
  const match = window.location.hash.match(/^#\/services\/(\d+)$/);
  try {
    if (match) await serviceView(match[1]);
    else await servicesView();
  } catch (error) {
    show("Error", el("h1", { tabindex: "-1" }, "Sorry, this page couldn't be loaded"));
    showStatus(error.message);
  }
  // After a link inside the app, take keyboard and screen-reader users to the new heading.
  if (moveFocus) view.querySelector("h1")?.focus();
}

async function start() {
  const settings = getJSON("/api/v2/settings/").then(renderSettings, (error) =>
    showStatus(error.message)
  );
  const contentType = query.get("content_type");
  const token = query.get("token");
  if (contentType && token) {
    try {
      await previewView(contentType, token);
    } catch (error) {
      show("Preview", el("h1", { tabindex: "-1" }, "This preview couldn't be loaded"));
      showStatus(error.message);
    }
  } else {
    window.addEventListener("hashchange", () => route({ moveFocus: true }));
    await route({ moveFocus: false });
  }
  await settings;
}

start();
