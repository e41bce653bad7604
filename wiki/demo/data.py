"""The words of the demo wiki: spaces, pages and the history of each page.

A page is written in ``sections`` (Markdown, in their final form); each entry of
``revisions`` is one save, in order:

- ``{"who": ..., "summary": ..., "upto": n}``: the first ``n`` sections (all when left out),
  as they read at that point. ``"was": [(new, old), ...]`` says what this save changed in the
  sections already there: before it, ``new`` read ``old``.
- ``{"who": ..., "summary": ..., "slip": [(old, new), ...]}``: a change made to the text as
  it was, which a later save reverts (``{"revert_to": n}``).
- ``{"who": ..., "move_under": key}``: the page moves in the tree (a revision without a
  summary).

``who`` names a person by role: for the company space ``ceo``, ``communicator``,
``moderator``, ``analyst``, ``employee`` (the well-known demo people), ``head:<Department>``
or ``staff:<Department>[|<Department>...]:n`` (the n-th colleague of the first of those
departments the company has); in a community's space ``owner``, ``admin`` or ``member:n``.

``{company}`` in a text stands for the company space's address (for ``[[space:Title]]``
links from the communities' spaces).
"""

COMPANY = "company"  # The key of the company space in ``PAGES``.

COMPANY_SPACE = {
    "who": "communicator",
    "description": (
        "The handbook of PT Kolega Nusantara: onboarding, procedures and product notes, in "
        "English and Bahasa Indonesia. Everyone can edit; every change is kept."
    ),
}

# Community spaces the demo writes in (a community the company lacks is left out), with the
# person who describes the space and who may edit it.
COMMUNITY_SPACES = {
    "engineering": {
        "who": "owner",
        "description": "How Engineering works: on-call, deploys and reviews.",
    },
    "finance": {
        "who": "owner",
        "description": (
            "Closing calendars and payment runs. Only the finance leads edit; ask in the "
            "community for changes."
        ),
        "edit_policy": "admins",
    },
    "hr-business-partners": {
        "who": "owner",
        "description": "Working notes of the HR business partners. Confidential.",
    },
    "leadership-team": {
        "who": "owner",
        "description": "Board preparation and plans not ready to share.",
    },
    "running-club-jakarta": {
        "who": "owner",
        "description": "Rute, jadwal dan kalender lomba.",
    },
    "book-club": {
        "who": "owner",
        "description": "What we read and what we thought of it.",
    },
}

# Pages linked to but not written yet: they show as "create this page" links.
MISSING = [
    (COMPANY, "VPN access"),
    (COMPANY, "Code of conduct"),
    (COMPANY, "Working from home"),
    (COMPANY, "Travel policy"),
    (COMPANY, "Kolega Insight"),
    (COMPANY, "Kebijakan kerja dari rumah"),
    ("engineering", "Postmortem template"),
]

PAGES = [
    # --- onboarding (English) --------------------------------------------------------------
    {
        "key": "welcome",
        "space": COMPANY,
        "title": "Welcome to PT Kolega Nusantara",
        "lang": "en",
        "tags": ["onboarding"],
        "age": 330,
        "sections": [
            "Welcome, and *selamat datang*! This wiki is where PT Kolega Nusantara keeps what "
            "every colleague needs to know: how we work, our procedures and notes on our "
            "products. Anyone can edit a page, and every change is kept in its history.",
            "## Start here\n\n"
            "- [[Your first week]]: day one, your buddy and who to ask\n"
            "- [[IT setup]]: laptop, accounts and passwords\n"
            "- [[Benefits (BPJS)]]: health and social security\n"
            "- [[Leave policy]]: annual, sick and special leave",
            "## Procedures and products\n\n"
            "The [[Standard operating procedures]] cover expense claims, the month-end close "
            "and incidents. Product teams keep their [[Product notes]].",
            "## Dalam Bahasa Indonesia\n\n"
            "Panduan yang sama dalam Bahasa Indonesia: "
            "[[Selamat datang di PT Kolega Nusantara]].",
        ],
        "revisions": [
            {
                "who": "head:Human Resources",
                "summary": "First version of the welcome page",
                "upto": 2,
            },
            {"who": "communicator", "summary": "Link the procedures and product notes", "upto": 3},
            {
                "who": "employee",
                "summary": "Fix a typo",
                "upto": 3,
                "was": [("how we work", "how we works")],
            },
            {
                "who": "communicator",
                "summary": "Link the Indonesian version",
                "was": [
                    (
                        "- [[Leave policy]]: annual, sick and special leave",
                        "- [[Leave policy]]: annual and sick leave",
                    )
                ],
            },
        ],
        "watchers": ["employee", "analyst"],
    },
    {
        "key": "first-week",
        "space": COMPANY,
        "title": "Your first week",
        "parent": "welcome",
        "lang": "en",
        "tags": ["onboarding"],
        "age": 320,
        "sections": [
            "Your first week is for meeting people and getting set up, not for delivering. "
            "Your manager and your buddy will help; nobody expects you to know everything yet.",
            "## Day one\n\n"
            "1. Come to reception at 9:00 with your KTP (or passport): you get your access "
            "card and a visitor's pass until it is ready.\n"
            "2. IT hands over your laptop at 10:00; see [[IT setup]] for what happens next.\n"
            "3. Lunch with your team and your buddy, on the company.",
            "## During the week\n\n"
            "- Agree your goals for the first three months with your manager.\n"
            "- Complete the mandatory e-learning in the HR portal: [[Code of conduct]], "
            "information security and anti-bribery (about two hours in all).\n"
            "- Fill in your Kolega profile: a photo, your skills and what you work on.\n"
            "- Register your family for [[Benefits (BPJS)]].",
            "## Who to ask\n\n"
            "HR: hr@kolega.co.id or the *HR & policies* forum. IT: the service desk, "
            "extension 1500. Anything else: your buddy.",
        ],
        "revisions": [
            {
                "who": "staff:Human Resources:0",
                "summary": "Onboarding week, first draft",
                "upto": 2,
            },
            {
                "who": "communicator",
                "summary": "Add the e-learning and the profile",
                "upto": 3,
                "was": [
                    (
                        "IT hands over your laptop at 10:00",
                        "IT hands over your laptop in the morning",
                    )
                ],
            },
            {
                "who": "employee",
                "summary": "Who to ask; BPJS reminder",
                "was": [("\n- Register your family for [[Benefits (BPJS)]].", "")],
            },
        ],
    },
    {
        "key": "it-setup",
        "space": COMPANY,
        "title": "IT setup",
        "parent": "welcome",
        "lang": "en",
        "tags": ["onboarding", "it"],
        "age": 300,
        "sections": [
            "Everything you need to get working on day one. The service desk (extension 1500, "
            "helpdesk@kolega.co.id) is open 8:00-18:00 on working days.",
            "## Your laptop\n\n"
            "Laptops come encrypted (BitLocker or FileVault) and managed. Install software "
            "from *Software Center* (Windows) or *Self Service* (Mac); anything not there "
            "needs a request to the service desk.",
            "## Accounts and passwords\n\n"
            "- Your e-mail and Kolega account are ready on day one.\n"
            "- Passwords: at least 12 characters, changed every 180 days.\n"
            "- Multi-factor sign-in with the Microsoft Authenticator app is mandatory.\n"
            "- SAP (Finance, Operations, Procurement) is requested by your manager.",
            "## Working outside the office\n\n"
            "Internal systems need the VPN: see [[VPN access]]. Never use public Wi-Fi without "
            "it.",
        ],
        "revisions": [
            {"who": "staff:IT Support|Engineering:0", "summary": "Laptop and accounts", "upto": 3},
            {"who": "staff:IT Support|Engineering:1", "summary": "Add the VPN section"},
            {
                "who": "head:IT Support|Engineering",
                "summary": "Password rotation is now 180 days (new security policy)",
                "was": [("changed every 180 days", "changed every 90 days")],
            },
        ],
    },
    {
        "key": "benefits",
        "space": COMPANY,
        "title": "Benefits (BPJS)",
        "parent": "welcome",
        "lang": "en",
        "tags": ["onboarding", "bpjs", "benefits"],
        "age": 290,
        "sections": [
            "Every employee is registered with both BPJS programmes from the first day. "
            "Bahasa Indonesia: [[BPJS Kesehatan dan Ketenagakerjaan]].",
            "## BPJS Kesehatan (health)\n\n"
            "The company pays 4% of your salary and you pay 1%. Your spouse and up to three "
            "children are covered: add them in the HR portal under *BPJS > Add family member* "
            "with your *Kartu Keluarga*.",
            "## BPJS Ketenagakerjaan (social security)\n\n"
            "Old-age savings (JHT), work accident (JKK), death (JKM) and pension (JP). Check "
            "your JHT balance in the *JMO* app with the KPJ number from the HR portal.",
            "## On top of BPJS\n\n"
            "Private inpatient insurance for you and your family, and yearly limits for "
            "glasses, dental care and outpatient claims per grade (HR portal, *Benefits*). "
            "Claims follow [[SOP: Expense claims]].",
        ],
        "revisions": [
            {"who": "head:Human Resources", "summary": "BPJS basics", "upto": 3},
            {"who": "staff:Human Resources:1", "summary": "Add the private insurance"},
            {
                "who": "analyst",
                "summary": "Clarify who is covered",
                "was": [
                    (
                        "Your spouse and up to three children are covered",
                        "Up to four family members are covered",
                    )
                ],
            },
        ],
    },
    {
        "key": "leave",
        "space": COMPANY,
        "title": "Leave policy",
        "parent": "welcome",
        "lang": "en",
        "tags": ["onboarding", "cuti"],
        "age": 280,
        "protect": "communicator",
        "sections": [
            "Apply for every kind of leave in the HR portal under *Leave*; your manager "
            "approves. Bahasa Indonesia: [[Panduan cuti]].",
            "## Annual leave\n\n"
            "12 days a year after probation. You can carry over up to 5 days, to be used by "
            "the end of March; anything above expires on 31 December.",
            "## Sick leave\n\n"
            "Tell your manager in the morning and record it in the HR portal. From two "
            "consecutive days we need a doctor's letter (*surat keterangan dokter*).",
            "## Special leave\n\n"
            "Marriage: 3 days. Paternity: 5 working days within 30 days of the birth. "
            "Maternity: 3 months. Bereavement: 2 days. Working away from the office is not "
            "leave: see [[Working from home]].",
            "## Public holidays and *cuti bersama*\n\n"
            "The government's collective leave days around Lebaran and Christmas are taken "
            "from annual leave. HR publishes the calendar in December.",
        ],
        "revisions": [
            {"who": "head:Human Resources", "summary": "Leave policy 2025", "upto": 3},
            {"who": "staff:Human Resources:0", "summary": "Add special leave", "upto": 4},
            {
                "who": "staff:Sales:0",
                "summary": "Update carry-over",
                "slip": [("carry over up to 5 days", "carry over up to 10 days")],
            },
            {
                "who": "head:Human Resources",
                "summary": "Revert: carry-over stays at 5 days (see the 2025 memo)",
                "revert_to": 2,
            },
            {"who": "communicator", "summary": "Add cuti bersama"},
        ],
        "watchers": ["employee", "moderator"],
    },
    {
        "key": "office-guide",
        "space": COMPANY,
        "title": "Office guide",
        "lang": "en",
        "tags": ["office"],
        "age": 250,
        "sections": [
            "Our offices: Jakarta HQ, Surabaya, Bandung, Medan, Yogyakarta and Singapore.",
            "## Meeting rooms\n\n"
            "Book rooms in Outlook (*New meeting > Room finder*). Release a room you no "
            "longer need; rooms not checked in within 10 minutes free themselves.",
            "## Access cards and visitors\n\n"
            "Lost your card? Tell reception at once; a new one costs nothing the first time. "
            "Register visitors a day ahead so their pass is ready.",
        ],
        "revisions": [
            {"who": "staff:Operations:0", "summary": "Offices and rooms", "upto": 2},
            {"who": "communicator", "summary": "Access cards and visitors"},
            {"who": "communicator", "move_under": "welcome"},
        ],
    },
    # --- onboarding (Bahasa Indonesia) -------------------------------------------------------
    {
        "key": "selamat-datang",
        "space": COMPANY,
        "title": "Selamat datang di PT Kolega Nusantara",
        "lang": "id",
        "tags": ["onboarding"],
        "age": 310,
        "sections": [
            "Selamat bergabung! Wiki ini berisi semua yang perlu diketahui setiap karyawan: "
            "cara kita bekerja, prosedur dan catatan produk. Semua orang boleh mengubah "
            "halaman, dan setiap perubahan tersimpan di riwayatnya.",
            "## Mulai dari sini\n\n"
            "- [[Minggu pertama]]: hari pertama, buddy dan siapa yang bisa ditanya\n"
            "- [[Panduan cuti]]: cuti tahunan, sakit dan cuti khusus\n"
            "- [[BPJS Kesehatan dan Ketenagakerjaan]]: jaminan kesehatan dan sosial",
            "## Prosedur\n\n"
            "Lihat [[Prosedur operasional standar]] untuk klaim biaya dan tutup buku.",
            "## In English\n\nThe same guide in English: [[Welcome to PT Kolega Nusantara]].",
        ],
        "revisions": [
            {"who": "communicator", "summary": "Versi pertama", "upto": 2},
            {"who": "staff:Human Resources:0", "summary": "Tambah tautan prosedur", "upto": 3},
            {
                "who": "communicator",
                "summary": "Tautan ke versi bahasa Inggris",
                "was": [("Selamat bergabung!", "Selamat datang!")],
            },
        ],
    },
    {
        "key": "minggu-pertama",
        "space": COMPANY,
        "title": "Minggu pertama",
        "parent": "selamat-datang",
        "lang": "id",
        "tags": ["onboarding"],
        "age": 300,
        "sections": [
            "Minggu pertama untuk berkenalan dan menyiapkan semuanya, bukan untuk langsung "
            "menghasilkan. Atasan dan buddy kamu siap membantu.",
            "## Hari pertama\n\n"
            "1. Datang ke resepsionis jam 09.00 dengan KTP: kamu dapat kartu akses.\n"
            "2. Laptop diserahkan tim IT jam 10.00.\n"
            "3. Makan siang bersama tim dan buddy, ditanggung kantor.",
            "## Selama minggu pertama\n\n"
            "- Sepakati target tiga bulan pertama dengan atasan.\n"
            "- Selesaikan e-learning wajib di portal HR (sekitar dua jam).\n"
            "- Lengkapi profil Kolega: foto, keahlian dan pekerjaanmu.\n"
            "- Daftarkan keluarga ke [[BPJS Kesehatan dan Ketenagakerjaan]].",
        ],
        "revisions": [
            {"who": "staff:Human Resources:1", "summary": "Draf awal", "upto": 2},
            {"who": "communicator", "summary": "Tambah daftar minggu pertama"},
            {
                "who": "staff:Marketing:0",
                "summary": "Perbaiki jam penyerahan laptop",
                "was": [
                    ("Laptop diserahkan tim IT jam 10.00.", "Laptop diserahkan tim IT jam 09.30.")
                ],
            },
        ],
    },
    {
        "key": "panduan-cuti",
        "space": COMPANY,
        "title": "Panduan cuti",
        "parent": "selamat-datang",
        "lang": "id",
        "tags": ["cuti"],
        "age": 270,
        "sections": [
            "Semua jenis cuti diajukan lewat portal HR menu *Cuti* dan disetujui atasan. "
            "English: [[Leave policy]].",
            "## Cuti tahunan\n\n"
            "12 hari per tahun setelah masa percobaan. Sisa cuti bisa dibawa maksimal 5 hari "
            "dan harus dipakai paling lambat akhir Maret.",
            "## Izin sakit\n\n"
            "Kabari atasan di pagi hari dan catat di portal HR. Mulai dua hari berturut-turut "
            "wajib surat keterangan dokter.",
            "## Cuti khusus\n\n"
            "Menikah 3 hari, cuti ayah 5 hari kerja, cuti melahirkan 3 bulan, duka 2 hari. "
            "Kerja dari rumah bukan cuti: lihat [[Kebijakan kerja dari rumah]].",
        ],
        "revisions": [
            {"who": "staff:Human Resources:0", "summary": "Panduan cuti 2025", "upto": 3},
            {"who": "head:Human Resources", "summary": "Tambah cuti khusus"},
            {
                "who": "staff:Finance:0",
                "summary": "Perjelas batas sisa cuti",
                "was": [("dan harus dipakai paling lambat akhir Maret", "sampai bulan Maret")],
            },
        ],
    },
    {
        "key": "bpjs",
        "space": COMPANY,
        "title": "BPJS Kesehatan dan Ketenagakerjaan",
        "parent": "selamat-datang",
        "lang": "id",
        "tags": ["bpjs", "benefits"],
        "age": 260,
        "sections": [
            "Setiap karyawan didaftarkan ke dua program BPJS sejak hari pertama. "
            "English: [[Benefits (BPJS)]].",
            "## BPJS Kesehatan\n\n"
            "Perusahaan membayar 4% dari gaji, karyawan 1%. Pasangan dan maksimal tiga anak "
            "ikut ditanggung: tambahkan lewat portal HR menu *BPJS > Tambah anggota keluarga*.",
            "## BPJS Ketenagakerjaan\n\n"
            "JHT, JKK, JKM dan JP. Saldo JHT bisa dicek di aplikasi *JMO* dengan nomor KPJ "
            "dari portal HR.",
        ],
        "revisions": [
            {"who": "staff:Human Resources:1", "summary": "Versi pertama", "upto": 2},
            {"who": "head:Human Resources", "summary": "Tambah BPJS Ketenagakerjaan"},
        ],
    },
    # --- procedures --------------------------------------------------------------------------
    {
        "key": "sops",
        "space": COMPANY,
        "title": "Standard operating procedures",
        "lang": "en",
        "tags": ["sop"],
        "age": 240,
        "sections": [
            "How we do the things that must be done the same way every time.",
            "## Procedures\n\n"
            "- [[SOP: Expense claims]]\n"
            "- [[SOP: Month-end closing]]\n"
            "- [[SOP: Incident handling]]",
            "## Writing an SOP\n\n"
            "Every SOP has an owner who reviews it once a year. Keep steps short and numbered, "
            "and link the forms instead of copying them. Bahasa Indonesia: "
            "[[Prosedur operasional standar]].",
        ],
        "revisions": [
            {"who": "head:Finance", "summary": "Index of the SOPs", "upto": 2},
            {
                "who": "head:Engineering",
                "summary": "Add incident handling",
                "upto": 2,
                "was": [("\n- [[SOP: Incident handling]]", "")],
            },
            {"who": "communicator", "summary": "How to write an SOP"},
        ],
    },
    {
        "key": "sop-expense",
        "space": COMPANY,
        "title": "SOP: Expense claims",
        "parent": "sops",
        "lang": "en",
        "tags": ["sop", "reimburse", "expenseclaim"],
        "age": 230,
        "sections": [
            "**Owner:** Finance. **Applies to:** everyone who pays for something on the "
            "company's behalf.",
            "## Steps\n\n"
            "1. Submit the claim in the HR portal under *My claims* within 30 days, with a "
            "clear photo of every receipt.\n"
            "2. Your manager approves. Claims above IDR 5 million also need the budget owner "
            "of the cost centre.\n"
            "3. Finance checks the receipts and the cost centre within three working days.\n"
            "4. Claims approved by the 25th are paid with this month's salary.",
            "## Travel\n\n"
            "Per diem, hotels and flights follow the [[Travel policy]]. Use the corporate "
            "card where you have one; then no claim is needed.",
        ],
        "revisions": [
            {"who": "staff:Finance:0", "summary": "First version", "upto": 2},
            {
                "who": "head:Finance",
                "summary": "Raise the budget-owner threshold to IDR 5 million",
                "upto": 2,
                "was": [("Claims above IDR 5 million", "Claims above IDR 2 million")],
            },
            {"who": "analyst", "summary": "Add the travel section"},
        ],
        "watchers": ["analyst"],
    },
    {
        "key": "sop-closing",
        "space": COMPANY,
        "title": "SOP: Month-end closing",
        "parent": "sops",
        "lang": "en",
        "tags": ["sop", "closing", "tutupbuku"],
        "age": 220,
        "protect": "communicator",
        "sections": [
            "**Owner:** Head of Finance. The books close on working day 6 (D+6). Each team's "
            "dates for the year are in the [[finance:Kalender tutup buku 2025]].",
            "## Calendar\n\n"
            "- **D-3**: reminder to every cost centre (Finance)\n"
            "- **D+2, 12:00**: cut-off for vendor invoices (Procurement)\n"
            "- **D+3**: accrual requests (budget owners)\n"
            "- **D+4**: bank reconciliation (Treasury)\n"
            "- **D+6**: management report (Controlling)",
            "## Late invoices\n\n"
            "An invoice received after the cut-off needs an accrual request (amount, vendor, "
            "PO, cost centre) by D+3, so the cost still lands in the right month. Open "
            "expense claims are settled first: see [[SOP: Expense claims]].",
        ],
        "revisions": [
            {"who": "head:Finance", "summary": "Closing calendar", "upto": 2},
            {
                "who": "analyst",
                "summary": "Management report one day earlier (D+6)",
                "upto": 2,
                "was": [
                    ("- **D+6**: management report", "- **D+7**: management report"),
                    (
                        "The books close on working day 6 (D+6)",
                        "The books close on working day 7 (D+7)",
                    ),
                ],
            },
            {"who": "staff:Finance:1", "summary": "Late invoices and accruals"},
        ],
        "watchers": ["analyst", "ceo"],
    },
    {
        "key": "sop-incident",
        "space": COMPANY,
        "title": "SOP: Incident handling",
        "parent": "sops",
        "lang": "en",
        "tags": ["sop", "incident"],
        "age": 200,
        "sections": [
            "**Owner:** Engineering. For anything that stops customers from paying, selling "
            "or tracking their fleet.",
            "## Severity\n\n"
            "- **SEV1**: a product is down for many customers. Updates every 30 minutes.\n"
            "- **SEV2**: a feature is broken or slow for some customers. Updates every hour.\n"
            "- **SEV3**: a minor problem with a workaround. Fixed in the normal sprint.",
            "## Steps\n\n"
            "1. Whoever notices declares the incident in the *#incident* channel.\n"
            "2. The engineer on call (see [[engineering:On-call rotation]]) becomes incident "
            "commander and names a scribe.\n"
            "3. Customer Service updates the status page and answers customers.\n"
            "4. After it is fixed, a blameless postmortem within five working days: "
            "[[engineering:Postmortem template]].",
        ],
        "revisions": [
            {"who": "head:Engineering", "summary": "Incident severities", "upto": 2},
            {
                "who": "staff:Engineering:0",
                "summary": "SEV1 updates every 30 minutes",
                "upto": 2,
                "was": [
                    (
                        "down for many customers. Updates every 30 minutes.",
                        "down for many customers. Updates every hour.",
                    )
                ],
            },
            {"who": "employee", "summary": "The steps, with on-call and postmortems"},
        ],
        "watchers": ["employee"],
    },
    {
        "key": "sop-id",
        "space": COMPANY,
        "title": "Prosedur operasional standar",
        "lang": "id",
        "tags": ["sop"],
        "age": 210,
        "sections": [
            "Prosedur untuk pekerjaan yang harus dilakukan dengan cara yang sama setiap kali.",
            "## Daftar prosedur\n\n"
            "- [[SOP klaim biaya]]\n"
            "- [[SOP: Month-end closing]] (bahasa Inggris)\n"
            "- [[SOP: Incident handling]] (bahasa Inggris)",
        ],
        "revisions": [
            {"who": "staff:Finance:0", "summary": "Daftar SOP", "upto": 1},
            {"who": "communicator", "summary": "Tambah daftar prosedur"},
        ],
    },
    {
        "key": "sop-klaim",
        "space": COMPANY,
        "title": "SOP klaim biaya",
        "parent": "sop-id",
        "lang": "id",
        "tags": ["sop", "reimburse"],
        "age": 205,
        "sections": [
            "**Pemilik:** Finance. English: [[SOP: Expense claims]].",
            "## Langkah\n\n"
            "1. Ajukan klaim di portal HR menu *Klaim saya* paling lambat 30 hari, dengan foto "
            "kuitansi yang jelas.\n"
            "2. Atasan menyetujui. Klaim di atas Rp 5 juta perlu persetujuan pemilik budget "
            "cost center.\n"
            "3. Finance memeriksa dalam tiga hari kerja.\n"
            "4. Klaim yang disetujui sebelum tanggal 25 dibayar bersama gaji bulan ini.",
        ],
        "revisions": [
            {"who": "staff:Finance:1", "summary": "Terjemahan SOP klaim"},
            {
                "who": "analyst",
                "summary": "Tambah batas waktu pemeriksaan",
                "was": [("Finance memeriksa dalam tiga hari kerja.", "Finance memeriksa.")],
            },
        ],
    },
    # --- product notes -----------------------------------------------------------------------
    {
        "key": "products",
        "space": COMPANY,
        "title": "Product notes",
        "lang": "en",
        "tags": ["product"],
        "age": 180,
        "sections": [
            "What the product teams want everyone (sales, support, operations) to know.",
            "## Products\n\n"
            "- [[KolegaPay]]: QRIS payments for merchants\n"
            "- [[Kolega POS]]: the point of sale, also offline\n"
            "- [[Kolega Fleet]]: tracking trucks and fuel\n"
            "- [[Kolega Mitra]]: the partners' app\n"
            "- [[Kolega Insight]]: reports and exports",
        ],
        "revisions": [
            {"who": "head:Engineering", "summary": "Product index"},
            {
                "who": "staff:Marketing:0",
                "summary": "Add Kolega Mitra",
                "was": [("- [[Kolega Mitra]]: the partners' app\n", "")],
            },
        ],
    },
    {
        "key": "kolegapay",
        "space": COMPANY,
        "title": "KolegaPay",
        "parent": "products",
        "lang": "en",
        "tags": ["product", "kolegapay", "qris"],
        "age": 170,
        "sections": [
            "QRIS payments for merchants, settled to their bank account.",
            "## Settlement\n\n"
            "Settlements go out in the 14:00 batch and land the next working day. *Settled* in "
            "the dashboard can still mean in transit; if it has not arrived by 10:00 the next "
            "day, treasury gives the transfer reference.",
            "## Refunds\n\n"
            "Merchants refund in the dashboard (*Transactions > Refund*), in full or in part, "
            "within 30 days. Refunds above IDR 10 million need a second approver on the "
            "merchant's side.",
        ],
        "revisions": [
            {"who": "staff:Engineering:1", "summary": "Settlement basics", "upto": 2},
            {
                "who": "staff:Customer Service|Sales:0",
                "summary": "Settlement batch moved to 14:00",
                "upto": 2,
                "was": [("in the 14:00 batch", "in the 15:00 batch")],
            },
            {"who": "staff:Engineering:1", "summary": "Refunds"},
        ],
    },
    {
        "key": "kolega-pos",
        "space": COMPANY,
        "title": "Kolega POS",
        "parent": "products",
        "lang": "en",
        "tags": ["product", "kolegapos"],
        "age": 160,
        "sections": [
            "The point of sale for shops and restaurants, on Android tablets.",
            "## Offline mode\n\n"
            "The POS keeps selling without internet. Offline sales sync every 15 minutes once "
            "it is back online, or at once with *Settings > Sync > Sync now*. Never reinstall "
            "the app before the sync is done: unsynced sales live only on the device.",
            "## Release 4.2\n\n"
            "Split bills, tips on card payments and support for 58 mm Bluetooth printers.",
        ],
        "revisions": [
            {"who": "staff:Engineering:2", "summary": "Offline mode", "upto": 2},
            {"who": "employee", "summary": "Release notes 4.2"},
            {
                "who": "staff:Engineering:2",
                "summary": "Warn against reinstalling",
                "was": [
                    (
                        " Never reinstall the app before the sync is done: unsynced sales live "
                        "only on the device.",
                        "",
                    )
                ],
            },
        ],
    },
    {
        "key": "kolega-fleet",
        "space": COMPANY,
        "title": "Kolega Fleet",
        "parent": "products",
        "lang": "id",
        "tags": ["product", "kolegafleet"],
        "age": 150,
        "sections": [
            "Pelacakan truk dan konsumsi BBM untuk pelanggan logistik.",
            "## GPS\n\n"
            "Posisi dikirim setiap 30 detik. Kalau sinyal operator terganggu, posisi disimpan "
            "di tracker dan muncul lagi begitu sinyal kembali.",
            "## Migrasi tracker dual-SIM\n\n"
            "Semua unit lama diganti ke tracker dual-SIM sampai akhir kuartal; jadwal per "
            "pelanggan ada di account manager masing-masing.",
        ],
        "revisions": [
            {"who": "staff:Operations:0", "summary": "Catatan GPS", "upto": 2},
            {
                "who": "staff:Engineering:0",
                "summary": "Interval posisi jadi 30 detik",
                "upto": 2,
                "was": [("setiap 30 detik", "setiap menit")],
            },
            {"who": "staff:Operations:1", "summary": "Jadwal migrasi dual-SIM"},
        ],
    },
    {
        "key": "kolega-mitra",
        "space": COMPANY,
        "title": "Kolega Mitra",
        "parent": "products",
        "lang": "id",
        "tags": ["product", "kolegamitra"],
        "age": 120,
        "sections": [
            "Aplikasi untuk mitra penjual kami, di Android dan iOS.",
            "## Login dan OTP\n\n"
            "OTP dikirim lewat SMS atau WhatsApp. Setelah 60 detik mitra bisa tap *Kirim "
            "dengan cara lain* untuk menerima kode lewat email.",
            "## Catatan rilis 3.8\n\n"
            "Mode gelap, laporan penjualan harian dan notifikasi pembayaran masuk.",
        ],
        "revisions": [
            {"who": "staff:Marketing:0", "summary": "Halaman pertama", "upto": 2},
            {"who": "employee", "summary": "Catatan rilis 3.8"},
        ],
    },
    # --- Engineering's space -----------------------------------------------------------------
    {
        "key": "eng-handbook",
        "space": "engineering",
        "title": "Engineering handbook",
        "lang": "en",
        "tags": ["engineering"],
        "age": 260,
        "sections": [
            "How we build and run the platform.",
            "## Running production\n\n"
            "- [[On-call rotation]]\n"
            "- [[Deploy checklist]]\n"
            "- Incidents follow the company's [[{company}:SOP: Incident handling]].",
            "## After an incident\n\n"
            "Write the postmortem with the [[Postmortem template]] and share it in the "
            "community.",
        ],
        "revisions": [
            {"who": "owner", "summary": "Start the handbook", "upto": 2},
            {"who": "member:0", "summary": "Postmortems"},
        ],
    },
    {
        "key": "oncall",
        "space": "engineering",
        "title": "On-call rotation",
        "parent": "eng-handbook",
        "lang": "en",
        "tags": ["engineering", "oncall"],
        "age": 240,
        "sections": [
            "One primary and one secondary engineer, a week each, handing over on Monday at 10:00.",
            "## When you are on call\n\n"
            "- Answer a page within 15 minutes, day or night.\n"
            "- Keep your laptop and a charged phone with you.\n"
            "- Hand over open incidents in writing.",
            "## Compensation\n\n"
            "A fixed on-call allowance per week plus overtime for hours worked at night or on "
            "public holidays.",
        ],
        "revisions": [
            {"who": "owner", "summary": "Rotation rules", "upto": 2},
            {
                "who": "member:1",
                "summary": "Pages answered within 15 minutes",
                "upto": 2,
                "was": [("within 15 minutes", "within 30 minutes")],
            },
            {"who": "admin", "summary": "On-call allowance"},
        ],
        "watchers": ["employee"],
    },
    {
        "key": "deploy",
        "space": "engineering",
        "title": "Deploy checklist",
        "parent": "eng-handbook",
        "lang": "en",
        "tags": ["engineering", "deploy"],
        "age": 100,
        "sections": [
            "1. The pull request is reviewed and green.\n"
            "2. Database migrations run before the code and work with the old version.\n"
            "3. Deploy between 10:00 and 15:00, never on Friday afternoon.\n"
            "4. Watch the error rate for 30 minutes; roll back first, investigate later.",
        ],
        "revisions": [
            {"who": "member:0", "summary": "Checklist"},
            {
                "who": "member:2",
                "summary": "Friday mornings are fine",
                "was": [("never on Friday afternoon", "not on Friday")],
            },
        ],
    },
    # --- Finance's space (only its leads edit) -----------------------------------------------
    {
        "key": "fin-calendar",
        "space": "finance",
        "title": "Kalender tutup buku 2025",
        "lang": "id",
        "tags": ["closing", "tutupbuku"],
        "age": 200,
        "sections": [
            "Tanggal tutup buku setiap bulan. Prosedurnya: [[{company}:SOP: Month-end closing]].",
            "- **Oktober**: cut-off invoice 4 November, laporan manajemen 10 November\n"
            "- **November**: cut-off invoice 2 Desember, laporan manajemen 8 Desember\n"
            "- **Desember**: cut-off invoice 5 Januari, laporan manajemen 12 Januari",
            "Desember lebih panjang karena audit akhir tahun.",
        ],
        "revisions": [
            {"who": "owner", "summary": "Kalender Q4", "upto": 2},
            {
                "who": "admin",
                "summary": "Desember diundur karena audit",
                "was": [("laporan manajemen 12 Januari", "laporan manajemen 9 Januari")],
            },
        ],
    },
    {
        "key": "fin-payments",
        "space": "finance",
        "title": "Vendor payment runs",
        "lang": "en",
        "tags": ["finance", "payments"],
        "age": 140,
        "sections": [
            "Vendors are paid twice a week, on Tuesday and Thursday, for invoices approved by "
            "the day before at 12:00.",
            "Urgent payments outside the runs need the Head of Finance's approval.",
        ],
        "revisions": [
            {"who": "admin", "summary": "Payment runs", "upto": 1},
            {"who": "owner", "summary": "Urgent payments"},
        ],
    },
    # --- HR business partners (private) --------------------------------------------------------
    {
        "key": "hrbp-calibration",
        "space": "hr-business-partners",
        "title": "Calibration guide 2025",
        "lang": "en",
        "tags": ["appraisal"],
        "age": 90,
        "sections": [
            "How we calibrate the year-end ratings before managers share them.",
            "## Before the session\n\n"
            "Each manager sends the proposed ratings with two examples per person by "
            "1 December.",
            "## Guidance\n\nAbout 15% *Exceeds*, 70% *Meets*, 15% *Below*: a guide, not a quota.",
        ],
        "revisions": [
            {"who": "owner", "summary": "Calibration steps", "upto": 2},
            {"who": "member:0", "summary": "Rating guidance"},
        ],
    },
    {
        "key": "hrbp-kasus",
        "space": "hr-business-partners",
        "title": "Template catatan kasus",
        "lang": "id",
        "tags": ["hr"],
        "age": 60,
        "sections": [
            "Gunakan template ini untuk setiap kasus karyawan. Jangan simpan di tempat lain.",
            "- Tanggal dan pihak yang terlibat\n- Kronologi singkat\n- Tindak lanjut dan tenggat",
        ],
        "revisions": [
            {"who": "admin", "summary": "Template pertama", "upto": 1},
            {"who": "owner", "summary": "Tambah isi template"},
        ],
    },
    # --- the leadership team (secret) ---------------------------------------------------------
    {
        "key": "board-prep",
        "space": "leadership-team",
        "title": "Board meeting preparation",
        "lang": "en",
        "tags": ["board"],
        "age": 45,
        "sections": [
            "The board meets quarterly. Department heads send their page to the CEO's office "
            "ten days before.",
            "## This quarter\n\n"
            "- Singapore expansion: hiring plan\n"
            "- KolegaPay margin after the new QRIS fees",
        ],
        "revisions": [
            {"who": "owner", "summary": "Preparation steps", "upto": 1},
            {"who": "admin", "summary": "Agenda for this quarter"},
        ],
    },
    # --- interest communities -----------------------------------------------------------------
    {
        "key": "run-routes",
        "space": "running-club-jakarta",
        "title": "Rute lari GBK",
        "lang": "id",
        "tags": ["running"],
        "age": 150,
        "sections": [
            "Kumpul Sabtu jam 06.00 di Pintu 7 GBK.",
            "- 5K: satu putaran ring luar ditambah setengah putaran\n"
            "- 10K: dua putaran ring luar, lanjut ke Senayan Park",
            "Bawa minum sendiri; setelah lari kita sarapan bersama.",
        ],
        "revisions": [
            {"who": "owner", "summary": "Rute dasar", "upto": 2},
            {
                "who": "member:0",
                "summary": "Titik kumpul pindah ke Pintu 7",
                "upto": 2,
                "was": [("Pintu 7 GBK", "Pintu 10 GBK")],
            },
            {"who": "member:1", "summary": "Sarapan bersama"},
        ],
    },
    {
        "key": "reading-list",
        "space": "book-club",
        "title": "Reading list",
        "lang": "en",
        "tags": ["books"],
        "age": 130,
        "sections": [
            "One book a month; vote for the next one in the community.",
            "- *Laskar Pelangi*, Andrea Hirata\n"
            "- *Bumi Manusia*, Pramoedya Ananta Toer\n"
            "- *Thinking, Fast and Slow*, Daniel Kahneman",
        ],
        "revisions": [
            {"who": "owner", "summary": "Our list"},
            {
                "who": "member:0",
                "summary": "Add Bumi Manusia",
                "was": [("- *Bumi Manusia*, Pramoedya Ananta Toer\n", "")],
            },
        ],
    },
]

# Who watches what besides the pages' writers (who watch them by themselves): people by role
# as in ``who``; a space by its key, a page by its key.
WATCHES = [
    ("employee", "space", "engineering"),
    ("communicator", "space", COMPANY),
    ("moderator", "space", COMPANY),
    ("analyst", "space", "finance"),
]
