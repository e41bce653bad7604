"""The words of the demo file share: which libraries get which folders and files, what each
file says in each of its versions, who uploaded them and when.

A file's ``versions`` list its uploads in order: ``who`` (a role in the company library:
``communicator``, ``hr-head``, ``moderator``; in a community's: ``owner``, ``admin``,
``member:N``), ``comment`` (what changed), and what that version holds: the first ``upto``
sections (rows, boxes, layers) of the final content, with the ``was`` pairs (final text,
earlier text) put back as they were then. ``age`` is how many days ago the first version was
uploaded; ``trashed`` (days ago) puts the file in the trash, by ``trashed_by`` (a role, or
``uploader``). CSV versions may also ``skip`` the rows whose first cell they name.

PDF text stays in Latin-1 (the PDF core fonts); Indonesian needs nothing more.
"""

COMPANY = "company"  # The company library's key; the others are community slugs.
PERSONAL = "personal"  # The personal library of the person ``PERSONAL_OWNER`` names.
PERSONAL_OWNER = "employee"

# Folders by library: paths, parents first.
FOLDERS = {
    COMPANY: ["Onboarding", "Onboarding/Bahasa Indonesia", "Policies", "Templates"],
    "finance": ["Month-end close", "Vendor payments", "Old templates"],
    "engineering": ["Architecture", "Runbooks"],
    "hr-business-partners": ["Performance reviews"],
    "leadership-team": ["Board"],
    "running-club-jakarta": [],
    PERSONAL: [],
}
# Folders that went to the trash (with what is in them): path -> (days ago, who).
TRASHED_FOLDERS = {("finance", "Old templates"): (4, "admin")}

# --- the documents ----------------------------------------------------------------------

HANDBOOK_EN = [
    {
        "heading": "Welcome to PT Kolega Nusantara",
        "text": [
            "This handbook is your first stop for how we work: our values, working hours, "
            "leave, benefits and the tools you will use every day. Keep it close during "
            "your first weeks, and ask your buddy or HR when something is unclear."
        ],
    },
    {
        "heading": "Working hours",
        "text": [
            "Core hours are 09:00 to 16:00 Western Indonesia Time (WIB), Monday to Friday. "
            "Offices in Surabaya, Bandung and Medan follow the same core hours; Makassar "
            "and Denpasar follow WITA.",
            "Flexible start times between 07:00 and 10:00 are agreed with your manager.",
        ],
    },
    {
        "heading": "Leave",
        "items": [
            "12 days of annual leave a year, from your first month.",
            "Public holidays and cuti bersama follow the government calendar (see the "
            "holiday calendar in this folder).",
            "Sick leave with a doctor's note from the second day.",
            "Request every leave in the HR portal at least five working days ahead.",
        ],
    },
    {
        "heading": "Benefits",
        "items": [
            "BPJS Kesehatan and BPJS Ketenagakerjaan from your first day.",
            "Private health insurance for you, your spouse and up to three children.",
            "Religious holiday allowance (THR) paid at least seven days before Idul Fitri, "
            "or before your own religious holiday if you prefer.",
        ],
    },
    {
        "heading": "Tools and security",
        "items": [
            "Kolega for news, communities, questions and files.",
            "Your laptop is encrypted; lock it whenever you leave your desk.",
            "Never share passwords, including with IT. Report phishing to security@kolega.co.id.",
        ],
    },
]
HANDBOOK_ID = [
    {
        "heading": "Selamat datang di PT Kolega Nusantara",
        "text": [
            "Buku panduan ini menjelaskan cara kita bekerja: nilai perusahaan, jam kerja, "
            "cuti, tunjangan dan aplikasi yang dipakai setiap hari. Simpan baik-baik selama "
            "minggu-minggu pertama, dan tanyakan ke buddy atau HR bila ada yang kurang jelas."
        ],
    },
    {
        "heading": "Jam kerja",
        "text": [
            "Jam inti adalah 09.00 sampai 16.00 WIB, Senin sampai Jumat. Kantor Makassar "
            "dan Denpasar mengikuti WITA.",
            "Jam masuk fleksibel antara 07.00 dan 10.00, disepakati dengan atasan.",
        ],
    },
    {
        "heading": "Cuti",
        "items": [
            "12 hari cuti tahunan, berlaku sejak bulan pertama.",
            "Libur nasional dan cuti bersama mengikuti kalender pemerintah.",
            "Cuti sakit dengan surat dokter mulai hari kedua.",
            "Ajukan cuti lewat portal HR paling lambat lima hari kerja sebelumnya.",
        ],
    },
    {
        "heading": "Tunjangan",
        "items": [
            "BPJS Kesehatan dan BPJS Ketenagakerjaan sejak hari pertama.",
            "Asuransi kesehatan swasta untuk karyawan, pasangan dan maksimal tiga anak.",
            "THR dibayarkan paling lambat tujuh hari sebelum Idul Fitri.",
        ],
    },
]
REMOTE_EN = [
    {
        "heading": "Purpose",
        "text": [
            "This policy explains when and how employees may work away from the office, "
            "so that teams stay reachable and information stays safe."
        ],
    },
    {
        "heading": "Who may work remotely",
        "items": [
            "Employees who have passed probation, up to two days a week.",
            "Roles that need to be on site (reception, facilities, warehouse) agree "
            "exceptions with their head of department.",
            "Managers may ask the team to be in the office for planning days.",
        ],
    },
    {
        "heading": "Working remotely well",
        "items": [
            "Keep your Kolega status and calendar up to date.",
            "Be reachable during core hours (09:00 to 16:00 WIB).",
            "Use the VPN for every company system; never use public Wi-Fi without it.",
            "Claim up to Rp 300.000 a month for internet costs with the receipt.",
        ],
    },
]
REMOTE_ID = [
    {
        "heading": "Tujuan",
        "text": [
            "Kebijakan ini mengatur kapan dan bagaimana karyawan boleh bekerja dari luar "
            "kantor, agar tim tetap mudah dihubungi dan data perusahaan tetap aman."
        ],
    },
    {
        "heading": "Siapa yang boleh bekerja jarak jauh",
        "items": [
            "Karyawan yang sudah lulus masa percobaan, maksimal dua hari per minggu.",
            "Posisi yang harus berada di lokasi (resepsionis, fasilitas, gudang) mengatur "
            "pengecualian dengan kepala departemen.",
        ],
    },
    {
        "heading": "Bekerja jarak jauh dengan baik",
        "items": [
            "Perbarui status dan kalender Kolega Anda.",
            "Mudah dihubungi selama jam inti (09.00 sampai 16.00 WIB).",
            "Gunakan VPN untuk semua sistem perusahaan.",
            "Biaya internet diganti sampai Rp 300.000 per bulan dengan bukti bayar.",
        ],
    },
]
MEETING_NOTES_TEMPLATE = [
    {"heading": "Meeting", "items": ["Date:", "Attendees:", "Goal of the meeting:"]},
    {"heading": "Decisions", "items": ["What we decided, and who owns it."]},
    {"heading": "Action items", "items": ["Owner - action - due date"]},
]
CLOSING_SOP = [
    {
        "heading": "Scope",
        "text": [
            "The monthly closing of the books for PT Kolega Nusantara and its branches. The "
            "books close on the fifth working day (WD5) after month end."
        ],
    },
    {
        "heading": "Timeline",
        "items": [
            "WD1: cut-off of purchase invoices and expense claims.",
            "WD2: bank reconciliations for every account; accruals booked.",
            "WD3: fixed assets and depreciation; intercompany balances agreed.",
            "WD4: PPN (VAT) and PPh 21/23 reconciled with the tax team.",
            "WD5: trial balance reviewed by the Finance Manager, books locked in SAP.",
        ],
    },
    {
        "heading": "Controls",
        "items": [
            "Every journal above Rp 50.000.000 needs a second approver.",
            "Reconciling items older than 60 days are escalated to the Finance Manager.",
            "The checklist in this folder is filled in and attached to the closing ticket.",
        ],
    },
    {
        "heading": "Contacts",
        "text": [
            "Questions go to the Finance community or to the month-end owner on the checklist."
        ],
    },
]
ARCHITECTURE_NOTES = [
    {
        "heading": "KolegaPay architecture notes",
        "text": [
            "Living notes of how KolegaPay fits together. Change them in the same pull "
            "request as the code."
        ],
    },
    {
        "heading": "Services",
        "items": [
            "`gateway`: the public API (Django REST framework), authentication and rate limits.",
            "`payments`: payment intents, QRIS and virtual accounts through the bank partners.",
            "`ledger`: double-entry bookkeeping; the only writer of balances.",
            "`notify`: push, SMS and e-mail, fed from the event bus.",
        ],
    },
    {
        "heading": "Data",
        "items": [
            "PostgreSQL 15, one database per service; no service reads another's tables.",
            "Redis for rate limits, idempotency keys and the Celery broker.",
            "Events on the bus are versioned (`payment.settled.v2`).",
        ],
    },
    {
        "heading": "Decisions",
        "items": [
            "2025-02: idempotency keys are kept 48 hours (was 24: retries from the bank "
            "partner came late).",
            "2025-05: `ledger` moves to its own database cluster before Lebaran traffic.",
            "2025-09: QRIS callbacks go through `gateway`, never straight to `payments`.",
        ],
    },
]
OLD_DEPLOY_CHECKLIST = [
    {
        "heading": "Deploy checklist (2023)",
        "items": ["Announce in #deploys.", "Run the migrations by hand.", "Restart the workers."],
    },
]
CALIBRATION_GUIDE = [
    {
        "heading": "Why we calibrate",
        "text": [
            "Calibration makes sure a rating means the same thing in every team. HR "
            "business partners facilitate; managers bring evidence, not impressions."
        ],
    },
    {
        "heading": "Before the session",
        "items": [
            "Managers submit proposed ratings in the HR portal by the deadline.",
            "HRBPs check the distribution per department and flag outliers.",
            "Bring two or three concrete examples per person.",
        ],
    },
    {
        "heading": "During the session",
        "items": [
            "Discuss outliers first, then borderline cases.",
            "Talk about results and behaviour, never about personal circumstances.",
            "Record every changed rating with its reason.",
        ],
    },
    {
        "heading": "Confidentiality",
        "text": [
            "Ratings and notes stay in this community until the employee has heard them "
            "from their manager."
        ],
    },
]
BOARD_OUTLINE = [
    {
        "heading": "Board meeting - outline",
        "text": ["Draft agenda for the quarterly board meeting. Not for circulation."],
    },
    {
        "heading": "Agenda",
        "items": [
            "Results of the quarter against plan.",
            "KolegaPay: licence status with Bank Indonesia and launch timing.",
            "Opening of the Makassar office.",
            "Headcount plan and the salary review.",
        ],
    },
    {
        "heading": "Papers",
        "items": [
            "Finance pack (CFO), one week before the meeting.",
            "Product and technology update (CTO).",
            "People update (Director of Human Resources).",
        ],
    },
]
LEARNING_NOTES = [
    {
        "heading": "Catatan belajar",
        "items": [
            "Django: `select_related` untuk foreign key, `prefetch_related` untuk many-to-many.",
            "PostgreSQL: `EXPLAIN ANALYZE` sebelum menambah index.",
            "Baca ulang bab tentang transaksi dan `on_commit`.",
        ],
    },
]

HOLIDAYS_2026 = [
    ["Date", "Holiday", "Hari libur", "Type"],
    ["2026-01-01", "New Year's Day", "Tahun Baru Masehi", "National holiday"],
    ["2026-01-16", "Isra Mi'raj", "Isra Mikraj Nabi Muhammad SAW", "National holiday"],
    ["2026-02-17", "Chinese New Year", "Tahun Baru Imlek 2577", "National holiday"],
    ["2026-03-19", "Day of Silence (Nyepi)", "Hari Suci Nyepi", "National holiday"],
    ["2026-03-20", "Eid al-Fitr", "Idul Fitri 1447 H", "National holiday"],
    ["2026-03-21", "Eid al-Fitr", "Idul Fitri 1447 H", "National holiday"],
    ["2026-03-23", "Eid al-Fitr collective leave", "Cuti bersama Idul Fitri", "Collective leave"],
    ["2026-03-24", "Eid al-Fitr collective leave", "Cuti bersama Idul Fitri", "Collective leave"],
    ["2026-04-03", "Good Friday", "Wafat Yesus Kristus", "National holiday"],
    ["2026-05-01", "Labour Day", "Hari Buruh Internasional", "National holiday"],
    ["2026-05-14", "Ascension Day", "Kenaikan Yesus Kristus", "National holiday"],
    ["2026-05-27", "Eid al-Adha", "Idul Adha 1447 H", "National holiday"],
    ["2026-05-31", "Vesak", "Hari Raya Waisak", "National holiday"],
    ["2026-06-01", "Pancasila Day", "Hari Lahir Pancasila", "National holiday"],
    ["2026-06-16", "Islamic New Year", "Tahun Baru Islam 1448 H", "National holiday"],
    ["2026-08-17", "Independence Day", "Hari Kemerdekaan RI", "National holiday"],
    ["2026-08-25", "Prophet's Birthday", "Maulid Nabi Muhammad SAW", "National holiday"],
    ["2026-12-24", "Christmas collective leave", "Cuti bersama Natal", "Collective leave"],
    ["2026-12-25", "Christmas Day", "Hari Raya Natal", "National holiday"],
]
HOLIDAYS_2025 = [
    ["Date", "Holiday", "Hari libur", "Type"],
    ["2025-01-01", "New Year's Day", "Tahun Baru Masehi", "National holiday"],
    ["2025-03-31", "Eid al-Fitr", "Idul Fitri 1446 H", "National holiday"],
    ["2025-04-01", "Eid al-Fitr", "Idul Fitri 1446 H", "National holiday"],
    ["2025-08-17", "Independence Day", "Hari Kemerdekaan RI", "National holiday"],
    ["2025-12-25", "Christmas Day", "Hari Raya Natal", "National holiday"],
]
MONTH_END_CHECKLIST = [
    ["Step", "Task", "Owner", "Due", "Evidence"],
    ["1", "Cut-off purchase invoices and expense claims", "AP team", "WD1", "AP aging report"],
    ["2", "Bank reconciliation - BCA operating account", "Treasury", "WD2", "Signed recon"],
    ["3", "Bank reconciliation - Mandiri payroll account", "Treasury", "WD2", "Signed recon"],
    ["4", "Accruals and prepayments", "GL accountant", "WD2", "Journal list"],
    ["5", "Fixed assets and depreciation run", "GL accountant", "WD3", "FA register"],
    ["6", "Intercompany balances agreed", "GL accountant", "WD3", "IC confirmation"],
    ["7", "PPN and PPh 21/23 reconciliation", "Tax team", "WD4", "Tax recon sheet"],
    ["8", "Trial balance review", "Finance Manager", "WD5", "Signed TB"],
    ["9", "Lock the period in SAP", "Finance Manager", "WD5", "Screenshot"],
]
VENDOR_PAYMENT_RUNS = [
    ["Tanggal", "Jenis pembayaran", "Batas pengajuan", "Catatan"],
    ["2026-01-09", "Vendor lokal", "2026-01-07", "Termasuk tagihan akhir tahun"],
    ["2026-01-23", "Vendor lokal", "2026-01-21", ""],
    ["2026-02-06", "Vendor lokal", "2026-02-04", ""],
    ["2026-02-20", "Vendor luar negeri", "2026-02-16", "Kurs BI hari sebelumnya"],
    ["2026-03-06", "Vendor lokal", "2026-03-04", "Sebelum cuti bersama Lebaran"],
]
ON_CALL_ROTA = [
    ["Week", "Primary", "Secondary", "Notes"],
    ["2026-W01", "Platform", "Payments", "New year freeze until 5 January"],
    ["2026-W02", "Payments", "Ledger", ""],
    ["2026-W03", "Ledger", "Platform", ""],
    ["2026-W04", "Platform", "Payments", "Load test on Thursday"],
]
HEADCOUNT_PLAN = [
    ["Department", "Headcount now", "Plan 2026", "Open roles", "Notes"],
    ["Engineering", "42", "48", "6", "Two for KolegaPay, one SRE"],
    ["Sales", "30", "33", "3", "Makassar office"],
    ["Customer Support", "24", "26", "2", "Lebaran peak"],
    ["Finance", "12", "12", "0", ""],
]
RACE_CALENDAR = [
    ["Tanggal", "Lomba", "Kota", "Jarak", "Pendaftaran"],
    ["2026-02-08", "Lari Pagi GBK Fun Run", "Jakarta", "5K", "Gratis, lewat komunitas"],
    ["2026-05-10", "Bandung Half Marathon", "Bandung", "21K", "Dibuka Januari"],
    ["2026-08-16", "Merdeka Run", "Jakarta", "10K", "Dibuka Mei"],
    ["2026-10-25", "Jakarta Marathon", "Jakarta", "42K / 21K / 10K", "Dibuka Juni"],
]

KOLEGAPAY_LAYERS = [
    ["Mobile app", "Web dashboard"],
    ["gateway"],
    ["payments", "ledger", "notify"],
    ["PostgreSQL", "Redis", "Event bus"],
]

# --- the files --------------------------------------------------------------------------

FILES = [
    # The company library's onboarding pack, in English and Indonesian.
    {"key": "handbook-en", "library": COMPANY, "folder": "Onboarding",
     "name": "Employee handbook.pdf", "make": "pdf", "content": HANDBOOK_EN,
     "title": "Employee handbook", "subtitle": "PT Kolega Nusantara - for every employee",
     "description": "Start here: working hours, leave, benefits and the tools we use. "
                    "Updated whenever a policy changes.",
     "tags": ["onboarding", "hr", "handbook"], "age": 320,
     "versions": [
         {"who": "communicator", "comment": "First edition", "upto": 3,
          "was": [("12 days of annual leave a year, from your first month.",
                   "12 days of annual leave a year, after probation.")]},
         {"who": "hr-head", "comment": "Benefits added; annual leave from the first month",
          "upto": 4},
         {"who": "communicator", "comment": "Tools and security section"},
     ]},
    {"key": "handbook-id", "library": COMPANY, "folder": "Onboarding/Bahasa Indonesia",
     "name": "Buku panduan karyawan.pdf", "make": "pdf", "content": HANDBOOK_ID,
     "title": "Buku panduan karyawan", "subtitle": "PT Kolega Nusantara - untuk semua karyawan",
     "description": "Versi Bahasa Indonesia dari Employee handbook.",
     "tags": ["onboarding", "hr", "handbook"], "age": 300,
     "versions": [
         {"who": "hr-head", "comment": "Versi pertama", "upto": 3},
         {"who": "communicator", "comment": "Bagian tunjangan ditambahkan"},
     ]},
    {"key": "org-chart", "library": COMPANY, "folder": "Onboarding",
     "name": "Org chart.png", "make": "org-chart",
     "description": "Who leads which department. The people directory has everyone else.",
     "tags": ["onboarding", "organisation"], "age": 200,
     "versions": [
         {"who": "communicator", "comment": "", "upto": -1},
         {"who": "hr-head", "comment": "New department heads"},
     ]},
    {"key": "holidays-2026", "library": COMPANY, "folder": "Onboarding",
     "name": "Holiday calendar 2026.csv", "make": "csv", "content": HOLIDAYS_2026,
     "description": "Libur nasional dan cuti bersama 2026 / public holidays and collective "
                    "leave in 2026, per the government's joint decree (SKB).",
     "tags": ["holidays", "hr", "kalender"], "age": 45,
     "versions": [
         {"who": "hr-head", "comment": "Public holidays from the SKB",
          "skip": ["2026-03-23", "2026-03-24", "2026-12-24"]},
         {"who": "communicator", "comment": "Cuti bersama added"},
     ]},
    {"key": "holidays-2025", "library": COMPANY, "folder": "Onboarding",
     "name": "Holiday calendar 2025.csv", "make": "csv", "content": HOLIDAYS_2025,
     "description": "Last year's calendar.", "tags": ["holidays"], "age": 380,
     "versions": [{"who": "hr-head", "comment": ""}],
     "trashed": 6, "trashed_by": "communicator"},
    {"key": "remote-en", "library": COMPANY, "folder": "Policies",
     "name": "Remote work policy.docx", "make": "docx", "content": REMOTE_EN,
     "title": "Remote work policy", "subtitle": "Human Resources - policy HR-07",
     "description": "When and how to work away from the office.",
     "tags": ["policy", "remote-work"], "age": 150,
     "versions": [
         {"who": "hr-head", "comment": "Approved by the Board of Directors",
          "was": [("Rp 300.000", "Rp 250.000")]},
         {"who": "communicator", "comment": "Internet allowance raised to Rp 300.000"},
     ]},
    {"key": "remote-id", "library": COMPANY, "folder": "Policies",
     "name": "Kebijakan kerja jarak jauh.docx", "make": "docx", "content": REMOTE_ID,
     "title": "Kebijakan kerja jarak jauh", "subtitle": "Human Resources - kebijakan HR-07",
     "description": "Versi Bahasa Indonesia dari Remote work policy.",
     "tags": ["policy", "remote-work"], "age": 140,
     "versions": [{"who": "communicator", "comment": ""}]},
    {"key": "meeting-template", "library": COMPANY, "folder": "Templates",
     "name": "Meeting notes template.docx", "make": "docx", "content": MEETING_NOTES_TEMPLATE,
     "title": "Meeting notes", "subtitle": "Template",
     "description": "Copy it for any meeting with decisions worth keeping.",
     "tags": ["template"], "age": 260,
     "versions": [{"who": "moderator", "comment": ""}]},
    # Finance: the month-end close.
    {"key": "month-end-checklist", "library": "finance", "folder": "Month-end close",
     "name": "Month-end checklist.csv", "make": "csv", "content": MONTH_END_CHECKLIST,
     "description": "Tick every step and attach the evidence to the closing ticket.",
     "tags": ["month-end", "closing", "checklist"], "age": 240,
     "versions": [
         {"who": "owner", "comment": "", "upto": 7},
         {"who": "member:1", "comment": "Tax reconciliation and the trial balance review",
          "upto": 9},
         {"who": "admin", "comment": "Lock the period in SAP as the last step"},
     ]},
    {"key": "closing-sop", "library": "finance", "folder": "Month-end close",
     "name": "Closing SOP.pdf", "make": "pdf", "content": CLOSING_SOP,
     "title": "SOP: Month-end closing", "subtitle": "Finance - FIN-SOP-03",
     "description": "The standard operating procedure behind the checklist.",
     "tags": ["month-end", "closing", "sop"], "age": 230,
     "versions": [
         {"who": "owner", "comment": "", "upto": 3,
          "was": [("Rp 50.000.000", "Rp 100.000.000")]},
         {"who": "admin", "comment": "Second approver from Rp 50 juta; contacts added"},
     ]},
    {"key": "vendor-runs", "library": "finance", "folder": "Vendor payments",
     "name": "Jadwal pembayaran vendor 2026.csv", "make": "csv", "content": VENDOR_PAYMENT_RUNS,
     "description": "Tanggal pembayaran vendor dan batas pengajuan tagihan.",
     "tags": ["vendor", "pembayaran"], "age": 30,
     "versions": [{"who": "member:2", "comment": ""}]},
    {"key": "old-accrual-template", "library": "finance", "folder": "Old templates",
     "name": "Accrual template 2023.csv", "make": "csv", "content": MONTH_END_CHECKLIST,
     "description": "Replaced by the month-end checklist.", "tags": [], "age": 600,
     "versions": [{"who": "owner", "comment": "", "upto": 4}]},
    # Engineering: architecture notes and a diagram.
    {"key": "architecture-notes", "library": "engineering", "folder": "Architecture",
     "name": "Architecture notes.md", "make": "md", "content": ARCHITECTURE_NOTES,
     "description": "How KolegaPay's services fit together, and the decisions behind it.",
     "tags": ["architecture", "kolegapay"], "age": 210,
     "versions": [
         {"who": "owner", "comment": "", "upto": 3},
         {"who": "member:0", "comment": "Decision log", "was": [
             ("2025-02: idempotency keys are kept 48 hours (was 24: retries from the bank "
              "partner came late).", "2025-02: idempotency keys are kept 24 hours.")]},
         {"who": "member:3", "comment": "Idempotency keys: 48 hours"},
     ]},
    {"key": "architecture-diagram", "library": "engineering", "folder": "Architecture",
     "name": "KolegaPay architecture.png", "make": "diagram", "content": KOLEGAPAY_LAYERS,
     "title": "KolegaPay architecture",
     "description": "The services and their stores; see Architecture notes.md.",
     "tags": ["architecture", "kolegapay", "diagram"], "age": 180,
     "versions": [
         {"who": "member:0", "comment": "", "upto": 3},
         {"who": "owner", "comment": "Stores and the event bus"},
     ]},
    {"key": "on-call", "library": "engineering", "folder": "Runbooks",
     "name": "On-call rota.csv", "make": "csv", "content": ON_CALL_ROTA,
     "description": "Who is on call, week by week.", "tags": ["on-call"], "age": 20,
     "versions": [{"who": "admin", "comment": ""}]},
    {"key": "old-deploy", "library": "engineering", "folder": "Runbooks",
     "name": "Deploy checklist 2023.md", "make": "md", "content": OLD_DEPLOY_CHECKLIST,
     "description": "", "tags": ["deploy"], "age": 700,
     "versions": [{"who": "member:1", "comment": ""}],
     "trashed": 12, "trashed_by": "uploader"},
    # A private and a secret community.
    {"key": "calibration", "library": "hr-business-partners", "folder": "Performance reviews",
     "name": "Calibration guide.docx", "make": "docx", "content": CALIBRATION_GUIDE,
     "title": "Calibration guide", "subtitle": "HR business partners - confidential",
     "description": "How we run calibration sessions. Confidential until reviews are shared.",
     "tags": ["performance-review", "calibration"], "age": 120,
     "versions": [
         {"who": "owner", "comment": "", "upto": 3},
         {"who": "admin", "comment": "Confidentiality section"},
     ]},
    {"key": "headcount", "library": "hr-business-partners", "folder": None,
     "name": "Headcount plan 2026.csv", "make": "csv", "content": HEADCOUNT_PLAN,
     "description": "Draft; numbers change until the board approves the budget.",
     "tags": ["headcount", "planning"], "age": 25,
     "versions": [{"who": "owner", "comment": ""}]},
    {"key": "board-outline", "library": "leadership-team", "folder": "Board",
     "name": "Board meeting outline.pdf", "make": "pdf", "content": BOARD_OUTLINE,
     "title": "Board meeting - outline", "subtitle": "Leadership Team - not for circulation",
     "description": "Agenda and papers for the next board meeting.",
     "tags": ["board"], "age": 35,
     "versions": [
         {"who": "admin", "comment": "", "upto": 2},
         {"who": "owner", "comment": "Papers and owners"},
     ]},
    # A public interest community, and one person's own library.
    {"key": "race-calendar", "library": "running-club-jakarta", "folder": None,
     "name": "Kalender lomba 2026.csv", "make": "csv", "content": RACE_CALENDAR,
     "description": "Lomba yang kita ikuti bareng tahun ini. Tambahkan kalau ada yang baru!",
     "tags": ["lari", "kalender"], "age": 60,
     "versions": [
         {"who": "owner", "comment": "", "upto": 3},
         {"who": "member:0", "comment": "Jakarta Marathon"},
     ]},
    {"key": "learning-notes", "library": PERSONAL, "folder": None,
     "name": "Catatan belajar.md", "make": "md", "content": LEARNING_NOTES,
     "description": "", "tags": ["django"], "age": 15,
     "versions": [{"who": "owner", "comment": ""}]},
]  # fmt: skip
