// The operator console's page: Alpine.js holds the state, Chart.js draws the funnel. Every number
// comes from /admin/reports/** with the operator's bearer token, which lives in sessionStorage
// (gone when the tab closes). Texts in Bahasa Indonesia by default, English by choice.
(function () {
  'use strict';

  const STEPS = {
    id: {
      REGISTERED: 'Terdaftar', EMAIL_VERIFIED: 'Lolos verifikasi e-mail', NIK_VERIFIED: 'Lolos verifikasi NIK',
      PHONE_VERIFIED: 'Lolos verifikasi telepon', KYC_VERIFIED: 'Lolos verifikasi wajah (KYC)', VERIFIED: 'Terverifikasi',
      JOINED_WAVE: 'Ikut gelombang', SELECTED: 'Lolos seleksi', FIRST_PURCHASE: 'Membeli pelatihan pertama',
      FIRST_TRAINING_COMPLETED: 'Menyelesaikan pelatihan pertama', RECONCILED: 'Penyelesaian terekonsiliasi',
      ACCOUNT_LINKED: 'Menautkan rekening', ACCOUNT_VERIFIED: 'Rekening terverifikasi',
      TRANCHE_1_PAID: 'Insentif bulan 1 dibayar', TRANCHE_2_PAID: 'Insentif bulan 2 dibayar',
      TRANCHE_3_PAID: 'Insentif bulan 3 dibayar', TRANCHE_4_PAID: 'Insentif bulan 4 dibayar',
      SURVEY_1_PAID: 'Insentif survei 1 dibayar', SURVEY_2_PAID: 'Insentif survei 2 dibayar', SURVEY_3_PAID: 'Insentif survei 3 dibayar'
    },
    en: {
      REGISTERED: 'Registered', EMAIL_VERIFIED: 'E-mail verified', NIK_VERIFIED: 'NIK verified', PHONE_VERIFIED: 'Phone verified',
      KYC_VERIFIED: 'Face check (KYC) passed', VERIFIED: 'Verified', JOINED_WAVE: 'Joined a wave', SELECTED: 'Selected',
      FIRST_PURCHASE: 'Bought a first training', FIRST_TRAINING_COMPLETED: 'Completed a first training',
      RECONCILED: 'Completion reconciled', ACCOUNT_LINKED: 'Linked an account', ACCOUNT_VERIFIED: 'Account verified',
      TRANCHE_1_PAID: 'Incentive month 1 paid', TRANCHE_2_PAID: 'Incentive month 2 paid', TRANCHE_3_PAID: 'Incentive month 3 paid',
      TRANCHE_4_PAID: 'Incentive month 4 paid', SURVEY_1_PAID: 'Survey 1 incentive paid', SURVEY_2_PAID: 'Survey 2 incentive paid',
      SURVEY_3_PAID: 'Survey 3 incentive paid'
    }
  };

  const STAGES = {
    id: { VERIFICATION: 'Verifikasi', WAVE: 'Ikut gelombang', SELECTION: 'Seleksi', FIRST_PURCHASE: 'Pembelian pertama',
      COMPLETION: 'Menyelesaikan pelatihan', RECONCILIATION: 'Rekonsiliasi', ACCOUNT_LINK: 'Tautan rekening',
      ACCOUNT_VERIFICATION: 'Verifikasi rekening', PAYMENT: 'Pembayaran', GRIEVANCE: 'Pengaduan' },
    en: { VERIFICATION: 'Verification', WAVE: 'Joining a wave', SELECTION: 'Selection', FIRST_PURCHASE: 'First purchase',
      COMPLETION: 'Completing a training', RECONCILIATION: 'Reconciliation', ACCOUNT_LINK: 'Account link',
      ACCOUNT_VERIFICATION: 'Account verification', PAYMENT: 'Payment', GRIEVANCE: 'Grievance' }
  };

  const REASONS = {
    id: { REVIEW_QUEUE: 'Antrean peninjauan', AWAITING_EMAIL: 'Menunggu e-mail', AWAITING_NIK: 'Menunggu cek NIK',
      AWAITING_PHONE: 'Menunggu telepon', AWAITING_KYC: 'Menunggu cek wajah', AWAITING_DECISION: 'Menunggu keputusan',
      NOT_JOINED: 'Belum ikut gelombang', AWAITING_SELECTION: 'Menunggu seleksi', NOT_SELECTED: 'Belum lolos, boleh ikut lagi',
      NO_PURCHASE_YET: 'Belum membeli pelatihan', TRAINING_IN_PROGRESS: 'Pelatihan berjalan',
      COMPLETED_NO_RATING: 'Selesai, belum memberi ulasan', RECONCILIATION_PENDING: 'Menunggu rekonsiliasi',
      NO_ACCOUNT_LINKED: 'Belum menautkan rekening', ACCOUNT_NOT_KYC: 'Rekening belum KYC (upgrade)',
      AWAITING_PARTNER_CHECK: 'Menunggu cek mitra pembayaran', PAYMENT_UNKNOWN: 'Status pembayaran belum pasti',
      PARTNER_NOT_ANSWERED: 'Mitra pembayaran belum menjawab', PAYMENT_NOT_REQUESTED: 'Pembayaran belum diminta',
      OPEN: 'Pengaduan belum dijawab', ANSWERED: 'Pengaduan dijawab, belum selesai', ESCALATED: 'Pengaduan diteruskan' },
    en: { REVIEW_QUEUE: 'Review queue', AWAITING_EMAIL: 'Awaiting e-mail', AWAITING_NIK: 'Awaiting NIK check',
      AWAITING_PHONE: 'Awaiting phone', AWAITING_KYC: 'Awaiting face check', AWAITING_DECISION: 'Awaiting decision',
      NOT_JOINED: 'Not joined a wave', AWAITING_SELECTION: 'Awaiting selection', NOT_SELECTED: 'Not selected, may join again',
      NO_PURCHASE_YET: 'No training bought yet', TRAINING_IN_PROGRESS: 'Training in progress',
      COMPLETED_NO_RATING: 'Completed, no rating', RECONCILIATION_PENDING: 'Awaiting reconciliation',
      NO_ACCOUNT_LINKED: 'No account linked', ACCOUNT_NOT_KYC: "Account not KYC'd", AWAITING_PARTNER_CHECK: 'Awaiting partner check',
      PAYMENT_UNKNOWN: 'Payment unknown', PARTNER_NOT_ANSWERED: 'Partner has not answered', PAYMENT_NOT_REQUESTED: 'Payment not requested yet',
      OPEN: 'Grievance not answered', ANSWERED: 'Grievance answered, not resolved', ESCALATED: 'Grievance escalated' }
  };

  // reasons that carry a partner's or a layer's code after a prefix
  const PREFIXED = {
    id: [['LAYER_FAILED_', 'Lapisan gagal'], ['ACCOUNT_REJECTED_', 'Rekening ditolak'], ['PAYMENT_FAILED_', 'Pembayaran gagal'],
      ['INTEGRITY_HOLD_', 'Ditahan sinyal integritas']],
    en: [['LAYER_FAILED_', 'Layer failed'], ['ACCOUNT_REJECTED_', 'Account rejected'], ['PAYMENT_FAILED_', 'Payment failed'],
      ['INTEGRITY_HOLD_', 'Held by an integrity signal']]
  };

  const TEXT = {
    id: {
      title: 'Konsol Operator Kartu Prakerja', live: 'langsung', offline: 'terputus', signIn: 'Masuk', signOut: 'Keluar',
      signInOidc: 'Masuk dengan akun organisasi', username: 'Nama pengguna', password: 'Kata sandi',
      'tab.funnel': 'Corong', 'tab.backlog': 'Antrean', 'tab.money': 'Uang', 'tab.operations': 'Operasional',
      asOf: 'Per tanggal', now: 'Sekarang', grouping: 'Kelompok', total: 'Total', perWave: 'Per gelombang', perProvince: 'Per provinsi',
      csv: 'Unduh CSV', step: 'Tahap', participants: 'Peserta', conversion: 'Konversi', wave: 'Gelombang', province: 'Provinsi',
      stage: 'Tahap', reason: 'Alasan', waiting: 'Menunggu', participant: 'Peserta', since: 'Sejak', age: 'Lama',
      'age.UNDER_1_DAY': '< 1 hari', 'age.DAYS_1_TO_3': '1–3 hari', 'age.DAYS_3_TO_7': '3–7 hari', 'age.DAYS_7_TO_30': '7–30 hari',
      'age.OVER_30_DAYS': '> 30 hari', timeline: 'Riwayat peserta', waitingAt: 'Menunggu di', trainingBalance: 'Saldo pelatihan',
      'balance.issued': 'Diterbitkan', 'balance.reserved': 'Belum terpakai', 'balance.spent': 'Terpakai', 'balance.forfeited': 'Hangus',
      incentives: 'Insentif', partner: 'Mitra', 'incentive.entitled': 'Berhak', 'incentive.requested': 'Diminta',
      'incentive.paid': 'Dibayar', 'incentive.failed': 'Gagal', 'incentive.unknown': 'Belum pasti',
      rebuild: 'Bangun ulang dari awal', rebuildConfirm: 'Kosongkan model baca dan putar ulang semua topik dari awal? Tulis alasannya:',
      generation: 'Generasi model baca', rebuilding: '(sedang dibangun ulang)', messaging: 'Outbox dan surat mati per layanan',
      service: 'Layanan', outboxPending: 'Outbox tertunda', outboxParked: 'Outbox diparkir', deadLetters: 'Surat mati',
      eventsSeen: 'Peristiwa yang terbaca', eventType: 'Jenis', events: 'Jumlah', lastEvent: 'Terakhir',
      settlements: 'Laporan penyelesaian mitra dibandingkan pembayaran kita', businessDay: 'Hari kerja',
      paidHere: 'Dibayar menurut kita', paidThere: 'Dibayar menurut mitra', difference: 'Selisih (mitra − kita)',
      'mismatch.paidThereNotHere': 'Dibayar mitra, tidak ada di kita', 'mismatch.hereNotThere': 'Ada di kita, tidak di laporan',
      'mismatch.amountDiffers': 'Jumlah berbeda', 'mismatch.accountDiffers': 'Rekening berbeda', 'mismatch.statusDiffers': 'Status berbeda',
      settledFromReport: 'Diselesaikan dari laporan', reconciledAt: 'Direkonsiliasi', noSettlements: 'Belum ada laporan penyelesaian yang direkonsiliasi.',
      partnerHealth: 'Kesehatan mitra pembayaran', circuit: 'Sirkuit', 'circuit.CLOSED': 'Tertutup (normal)',
      'circuit.OPEN': 'Terbuka (mitra diistirahatkan)', 'circuit.HALF_OPEN': 'Setengah terbuka (mencoba)', 'circuit.FORCED_OPEN': 'Dibuka paksa', notConfigured: 'Belum dikonfigurasi',
      ratePerSecond: 'Laju kontrak (/detik)', latencyMs: 'Latensi (ms)', errorRate: 'Tingkat galat', inFlight: 'Sedang dikirim',
      paymentBacklog: 'Pembayaran menunggu', partnerHealthUnavailable: 'Layanan pembayaran tidak terjangkau dari sini.',
      integritySignals: 'Sinyal integritas (insentif ditahan sampai dua operator memutuskan)', signalKind: 'Jenis sinyal',
      'integrity.openSignals': 'Sinyal terbuka', 'integrity.participantsHeld': 'Peserta ditahan',
      'integrity.cleared': 'Dibersihkan', 'integrity.confirmed': 'Dikonfirmasi', noIntegritySignals: 'Belum ada sinyal integritas.',
      'signal.SHARED_PAYOUT_ACCOUNT': 'Rekening pembayaran dipakai bersama',
      loginFailed: 'Nama pengguna atau kata sandi salah.', requestFailed: 'Permintaan gagal'
    },
    en: {
      title: 'Kartu Prakerja operator console', live: 'live', offline: 'disconnected', signIn: 'Sign in', signOut: 'Sign out',
      signInOidc: 'Sign in with the organisation account', username: 'User name', password: 'Password',
      'tab.funnel': 'Funnel', 'tab.backlog': 'Backlog', 'tab.money': 'Money', 'tab.operations': 'Operations',
      asOf: 'As of', now: 'Now', grouping: 'Grouping', total: 'Total', perWave: 'Per wave', perProvince: 'Per province',
      csv: 'Download CSV', step: 'Step', participants: 'Participants', conversion: 'Conversion', wave: 'Wave', province: 'Province',
      stage: 'Step', reason: 'Reason', waiting: 'Waiting', participant: 'Participant', since: 'Since', age: 'Waiting for',
      'age.UNDER_1_DAY': '< 1 day', 'age.DAYS_1_TO_3': '1–3 days', 'age.DAYS_3_TO_7': '3–7 days', 'age.DAYS_7_TO_30': '7–30 days',
      'age.OVER_30_DAYS': '> 30 days', timeline: 'Participant timeline', waitingAt: 'Waiting at', trainingBalance: 'Training balance',
      'balance.issued': 'Issued', 'balance.reserved': 'Not yet spent', 'balance.spent': 'Spent', 'balance.forfeited': 'Forfeited',
      incentives: 'Incentives', partner: 'Partner', 'incentive.entitled': 'Entitled', 'incentive.requested': 'Requested',
      'incentive.paid': 'Paid', 'incentive.failed': 'Failed', 'incentive.unknown': 'Unknown',
      rebuild: 'Rebuild from scratch', rebuildConfirm: 'Empty the read model and replay every topic from the beginning? Give the reason:',
      generation: 'Read model generation', rebuilding: '(rebuilding)', messaging: 'Outbox and dead letters per service',
      service: 'Service', outboxPending: 'Outbox pending', outboxParked: 'Outbox parked', deadLetters: 'Dead letters',
      eventsSeen: 'Events read', eventType: 'Type', events: 'Count', lastEvent: 'Last',
      settlements: 'Partner settlement reports against our payments', businessDay: 'Business day',
      paidHere: 'Paid according to us', paidThere: 'Paid according to the partner', difference: 'Difference (partner − us)',
      'mismatch.paidThereNotHere': 'Paid there, not here', 'mismatch.hereNotThere': 'Here, not in the report',
      'mismatch.amountDiffers': 'Amount differs', 'mismatch.accountDiffers': 'Account differs', 'mismatch.statusDiffers': 'Status differs',
      settledFromReport: 'Settled from the report', reconciledAt: 'Reconciled', noSettlements: 'No settlement report reconciled yet.',
      partnerHealth: 'Payment partner health', circuit: 'Circuit', 'circuit.CLOSED': 'Closed (normal)',
      'circuit.OPEN': 'Open (partner rested)', 'circuit.HALF_OPEN': 'Half open (probing)', 'circuit.FORCED_OPEN': 'Forced open', notConfigured: 'Not configured',
      ratePerSecond: 'Contracted rate (/s)', latencyMs: 'Latency (ms)', errorRate: 'Error rate', inFlight: 'In flight',
      paymentBacklog: 'Payments waiting', partnerHealthUnavailable: 'The payment service cannot be reached from here.',
      integritySignals: 'Integrity signals (incentives held until two operators decide)', signalKind: 'Kind of signal',
      'integrity.openSignals': 'Open signals', 'integrity.participantsHeld': 'Participants held',
      'integrity.cleared': 'Cleared', 'integrity.confirmed': 'Confirmed', noIntegritySignals: 'No integrity signal yet.',
      'signal.SHARED_PAYOUT_ACCOUNT': 'Shared payout account',
      loginFailed: 'Wrong user name or password.', requestFailed: 'Request failed'
    }
  };

  // outside Alpine's reactive state: Chart.js breaks when its instance is wrapped in a proxy
  let chart = null;

  const SERVICES = ['registration', 'verification', 'training', 'incentive', 'payment', 'survey', 'console'];

  function base64url(bytes) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  window.consolePage = function () {
    return {
      lang: localStorage.getItem('prakerja.console.lang') || 'id',
      token: sessionStorage.getItem('prakerja.console.token'),
      settings: {},
      username: '', password: '', error: '',
      tabs: ['funnel', 'backlog', 'money', 'operations'],
      tab: 'funnel',
      asOfLocal: '', grouping: 'total',
      funnel: null, backlog: null, money: null, operations: null, messaging: [], partnerHealth: [],
      waiting: { stage: null, reason: null, rows: [] }, timeline: null,
      buckets: ['UNDER_1_DAY', 'DAYS_1_TO_3', 'DAYS_3_TO_7', 'DAYS_7_TO_30', 'OVER_30_DAYS'],
      incentiveStates: ['entitled', 'requested', 'paid', 'failed', 'unknown'],
      mismatchKinds: ['paidThereNotHere', 'hereNotThere', 'amountDiffers', 'accountDiffers', 'statusDiffers'],
      integrityCounts: ['openSignals', 'participantsHeld', 'cleared', 'confirmed'],
      live: false, stream: null, refreshing: null,

      t(key) {
        const dict = TEXT[this.lang] || TEXT.id;
        if (key.startsWith('step.')) return STEPS[this.lang][key.substring(5)] || key.substring(5);
        if (key.startsWith('stage.')) return STAGES[this.lang][key.substring(6)] || key.substring(6);
        if (key.startsWith('reason.')) {
          const code = key.substring(7);
          if (REASONS[this.lang][code]) return REASONS[this.lang][code];
          const prefixed = PREFIXED[this.lang].find(p => code.startsWith(p[0]));
          if (prefixed) return prefixed[1] + ': ' + code.substring(prefixed[0].length);
          return code.replace(/_/g, ' ').toLowerCase();
        }
        if (key.startsWith('signal.')) return dict[key] || key.substring(7);
        return dict[key] || key;
      },
      number(n) { return n == null ? '–' : Number(n).toLocaleString(this.lang === 'id' ? 'id-ID' : 'en-GB'); },
      percent(x) { return x == null ? '' : (x * 100).toLocaleString(this.lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }) + ' %'; },
      rupiah(n) { return 'Rp' + this.number(n); },
      formatTime(iso) { return iso ? new Date(iso).toLocaleString(this.lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta' }) : ''; },
      asOfQuery() { return this.asOfLocal ? '?asOf=' + encodeURIComponent(new Date(this.asOfLocal).toISOString()) : ''; },

      async start() {
        document.documentElement.lang = this.lang;
        this.settings = await (await fetch('/console/settings')).json();
        await this.finishOidcSignIn();
        if (this.token) this.signedIn();
      },
      setLanguage() {
        localStorage.setItem('prakerja.console.lang', this.lang);
        document.documentElement.lang = this.lang;
        this.draw();
      },

      async signIn() {
        this.error = '';
        const response = await fetch(this.settings.operatorLoginPath, {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': this.lang },
          body: JSON.stringify({ username: this.username, password: this.password })
        });
        if (!response.ok) { this.error = this.t('loginFailed'); return; }
        this.keep((await response.json()).accessToken);
      },
      async signInWithOidc() {
        const oidc = this.settings.oidc;
        const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
        const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
        const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
        sessionStorage.setItem('prakerja.console.pkce', JSON.stringify({ verifier, state }));
        const url = new URL(oidc.authorizationEndpoint);
        url.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, scope: oidc.scope,
          redirect_uri: location.origin + '/console/', code_challenge: challenge, code_challenge_method: 'S256', state }).toString();
        location.assign(url.toString());
      },
      async finishOidcSignIn() {
        const params = new URLSearchParams(location.search);
        const pending = JSON.parse(sessionStorage.getItem('prakerja.console.pkce') || 'null');
        if (!params.get('code') || !pending || !this.settings.oidc) return;
        sessionStorage.removeItem('prakerja.console.pkce');
        history.replaceState(null, '', '/console/');
        if (params.get('state') !== pending.state) { this.error = this.t('loginFailed'); return; }
        const response = await fetch(this.settings.oidc.tokenEndpoint, { method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
            redirect_uri: location.origin + '/console/', client_id: this.settings.oidc.clientId, code_verifier: pending.verifier }) });
        if (!response.ok) { this.error = this.t('loginFailed'); return; }
        this.keep((await response.json()).access_token);
      },
      keep(token) {
        this.token = token;
        sessionStorage.setItem('prakerja.console.token', token);
        this.password = '';
        this.signedIn();
      },
      signedIn() { this.refresh(); this.listen(); },
      signOut() {
        this.token = null;
        sessionStorage.removeItem('prakerja.console.token');
        if (this.stream) this.stream.abort();
        this.live = false;
      },

      async get(path, accept) {
        const response = await fetch(path, { headers: { Authorization: 'Bearer ' + this.token, 'Accept-Language': this.lang,
          Accept: accept || 'application/json' } });
        if (response.status === 401) { this.signOut(); throw new Error('401'); }
        if (!response.ok) {
          let detail = response.status;
          try { detail = (await response.json()).detail || detail; } catch (e) { /* not problem+json */ }
          throw new Error(this.t('requestFailed') + ': ' + detail);
        }
        return accept ? response.blob() : response.json();
      },
      show(name) { this.tab = name; this.refresh(); },
      async refresh() {
        if (!this.token) return;
        this.error = '';
        try {
          if (this.tab === 'funnel') { this.funnel = await this.get('/admin/reports/funnel' + this.asOfQuery()); this.draw(); }
          if (this.tab === 'backlog') {
            this.backlog = await this.get('/admin/reports/backlog');
            if (this.waiting.stage) await this.openList(this.waiting.stage, this.waiting.reason);
          }
          if (this.tab === 'money') this.money = await this.get('/admin/reports/money' + this.asOfQuery());
          if (this.tab === 'operations') {
            this.operations = await this.get('/admin/reports/operations');
            await Promise.all([this.readMessaging(), this.readPartnerHealth()]);
          }
        } catch (e) { if (e.message !== '401') this.error = e.message; }
      },
      // each service's own messaging admin, asked by this browser with the operator's own token
      async readMessaging() {
        this.messaging = await Promise.all(SERVICES.map(async (service) => {
          const row = { service };
          try {
            const outbox = await this.get('/admin/messaging/' + service + '/outbox');
            row.pending = outbox.pending; row.parked = outbox.parked;
            row.deadLetters = (await this.get('/admin/messaging/' + service + '/dead-letters?status=PENDING&limit=1000')).length;
          } catch (e) { /* a service not reachable from here shows a dash */ }
          return row;
        }));
      },
      // the payment gateway's own partner health, asked like the messaging admin: by this browser, with the operator's token
      async readPartnerHealth() {
        try {
          const partners = await this.get('/admin/payments/partners/health');
          this.partnerHealth = partners.map(p => Object.assign({}, p, {
            backlogTotal: Object.values(p.backlog || {}).reduce((sum, n) => sum + n, 0) }));
        } catch (e) { this.partnerHealth = []; }
      },
      groups() {
        if (!this.funnel) return [];
        return this.grouping === 'wave' ? this.funnel.byWave : this.funnel.byProvince;
      },
      backlogRows() {
        if (!this.backlog) return [];
        const rows = [];
        this.backlog.stages.forEach(stage => stage.reasons.forEach(r => rows.push({ stage: stage.stage, reason: r.reason,
          waiting: r.waiting, byAge: r.byAge })));
        return rows;
      },
      async openList(stage, reason) {
        const rows = await this.get('/admin/reports/backlog/' + stage + '/participants?limit=200&reason=' + encodeURIComponent(reason));
        this.waiting = { stage, reason, rows };
      },
      async openTimeline(participantId) {
        this.timeline = await this.get('/admin/reports/participants/' + participantId + '/timeline');
      },
      async downloadCsv(path, filename) {
        try {
          const blob = await this.get(path, 'text/csv');
          const link = document.createElement('a');
          link.href = URL.createObjectURL(blob);
          link.download = filename;
          document.body.appendChild(link);
          link.click();
          setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        } catch (e) { if (e.message !== '401') this.error = e.message; }
      },
      async rebuild() {
        const reason = prompt(this.t('rebuildConfirm'));
        if (!reason) return;
        await fetch('/admin/reports/rebuild', { method: 'POST', headers: { Authorization: 'Bearer ' + this.token,
          'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) });
        this.refresh();
      },

      draw() {
        const canvas = document.getElementById('funnel-chart');
        if (!canvas || !this.funnel || !window.Chart) return;
        const labels = this.funnel.steps.map(s => this.t('step.' + s.step));
        const data = this.funnel.steps.map(s => s.count);
        if (chart) {
          chart.data.labels = labels;
          chart.data.datasets[0].data = data;
          chart.data.datasets[0].label = this.t('participants');
          chart.update('none');
          return;
        }
        chart = new Chart(canvas, {
          type: 'bar',
          data: { labels, datasets: [{ label: this.t('participants'), data, backgroundColor: '#1f6f8b' }] },
          options: { indexAxis: 'y', animation: false, plugins: { legend: { display: false } }, maintainAspectRatio: false,
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
        });
      },

      // server-sent events over fetch, so that the bearer token travels in a header
      async listen() {
        if (this.stream) this.stream.abort();
        const controller = new AbortController();
        this.stream = controller;
        try {
          const response = await fetch('/admin/reports/stream', { headers: { Authorization: 'Bearer ' + this.token,
            Accept: 'text/event-stream' }, signal: controller.signal });
          if (!response.ok) throw new Error(String(response.status));
          this.live = true;
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const message = buffer.substring(0, end);
              buffer = buffer.substring(end + 2);
              if (/^event:\s*changed/m.test(message)) this.changed();
            }
          }
        } catch (e) { /* aborted or dropped: reconnect below */ }
        this.live = false;
        if (this.token && this.stream === controller) setTimeout(() => this.listen(), 2000);
      },
      changed() {
        clearTimeout(this.refreshing);
        this.refreshing = setTimeout(() => this.refresh(), 300);
      }
    };
  };
})();
