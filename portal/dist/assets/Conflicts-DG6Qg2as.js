import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{o,t as s,u as c}from"./usePageTitle-CUEgSYxO.js";import{t as l}from"./viewer-BCh4hgTe.js";import{t as u}from"./Pager-DAfnWMpG.js";import{n as d,r as f,t as p}from"./States-Fx22-PiY.js";import{i as m,t as h}from"./format-B5R3HS_1.js";var g=e(t(),1),_=n(),v=20,y=[`OPEN`,`INVESTIGATING`,`RESOLVED`,`DISMISSED`],b=[`HIGH`,`MEDIUM`,`LOW`],x=o(`
  query ConflictCases(
    $status: ConflictStatus
    $severity: ConflictSeverity
    $overdue: Boolean
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    conflictCases(
      status: $status
      severity: $severity
      overdue: $overdue
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          number
          kind
          severity
          status
          summary
          dueOn
          overdue
          lastActivityAt
          territory {
            id
            name
            nameZh
          }
          parties {
            id
            name
          }
        }
      }
    }
  }
`);function S(e,t){return t&&e.includes(t)?t:null}function C({status:e}){let{t}=a();return(0,_.jsx)(`span`,{className:`badge case-${e.toLowerCase()}`,children:t(`conflictStatus.${e}`)})}function w(){let{t:e,i18n:t}=a(),[{data:n}]=l(),o=n?.me.role!==`DEALER`,w=e(o?`conflicts.deskTitle`:`conflicts.title`);s(w);let T=(0,g.useId)(),[E,D]=r(),O=S(y,E.get(`status`)),k=S(b,E.get(`severity`)),A=E.get(`overdue`)===`1`,j=E.get(`after`),M=E.get(`before`),N={status:O,severity:k,overdue:A||null,...M?{last:v,before:M}:{first:v,after:j??null}},[{data:P,error:F,fetching:I},L]=c({query:x,variables:N}),R=e=>{let t={status:O,severity:k,overdue:A?`1`:void 0,...e},n={};for(let[e,r]of Object.entries(t))r&&(n[e]=r);D(n)},z=P?.conflictCases,B=(z?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,_.jsxs)(`section`,{"aria-labelledby":`conflicts-title`,children:[(0,_.jsxs)(`div`,{className:`page-head`,children:[(0,_.jsx)(`h1`,{id:`conflicts-title`,children:w}),(0,_.jsx)(i,{className:`button button-primary`,to:`/conflicts/new`,"data-link":`new-case`,children:e(`conflicts.report`)})]}),(0,_.jsx)(`p`,{className:`lead`,children:e(o?`conflicts.deskIntro`:`conflicts.intro`)}),(0,_.jsxs)(`div`,{className:`filter`,children:[(0,_.jsx)(`label`,{htmlFor:`${T}-status`,children:e(`conflicts.status`)}),(0,_.jsxs)(`select`,{id:`${T}-status`,value:O??``,onChange:e=>R({status:e.target.value}),children:[(0,_.jsx)(`option`,{value:``,children:e(`conflicts.allStatuses`)}),y.map(t=>(0,_.jsx)(`option`,{value:t,children:e(`conflictStatus.${t}`)},t))]}),(0,_.jsx)(`label`,{htmlFor:`${T}-severity`,children:e(`conflicts.severity`)}),(0,_.jsxs)(`select`,{id:`${T}-severity`,value:k??``,onChange:e=>R({severity:e.target.value}),children:[(0,_.jsx)(`option`,{value:``,children:e(`conflicts.allSeverities`)}),b.map(t=>(0,_.jsx)(`option`,{value:t,children:e(`conflictSeverity.${t}`)},t))]}),(0,_.jsxs)(`label`,{className:`check`,children:[(0,_.jsx)(`input`,{type:`checkbox`,checked:A,onChange:e=>R({overdue:e.target.checked?`1`:void 0})}),` `,e(`conflicts.overdueOnly`)]})]}),I&&!P?(0,_.jsx)(f,{}):F&&!P?(0,_.jsx)(d,{error:F,onRetry:()=>L({requestPolicy:`network-only`})}):B.length?(0,_.jsxs)(_.Fragment,{children:[(0,_.jsx)(`p`,{className:`count`,children:e(`conflicts.count`,{count:z?.totalCount??0})}),(0,_.jsxs)(`table`,{className:`table conflict-cases`,children:[(0,_.jsx)(`thead`,{children:(0,_.jsxs)(`tr`,{children:[(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.number`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.summary`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.parties`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.severity`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.status`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.dueOn`)}),(0,_.jsx)(`th`,{scope:`col`,children:e(`conflicts.lastActivity`)})]})}),(0,_.jsx)(`tbody`,{children:B.map(n=>(0,_.jsxs)(`tr`,{"data-case":n.number,className:n.overdue?`overdue`:void 0,children:[(0,_.jsx)(`th`,{scope:`row`,"data-label":e(`conflicts.number`),className:`mono`,children:(0,_.jsx)(i,{to:`/conflicts/${encodeURIComponent(n.id)}`,children:n.number})}),(0,_.jsxs)(`td`,{"data-label":e(`conflicts.summary`),children:[(0,_.jsx)(`span`,{className:`muted`,children:e(`conflictKind.${n.kind}`)}),` `,n.summary]}),(0,_.jsx)(`td`,{"data-label":e(`conflicts.parties`),children:n.parties.map(e=>e.name).join(`, `)}),(0,_.jsx)(`td`,{"data-label":e(`conflicts.severity`),children:(0,_.jsx)(`span`,{className:`badge severity-${n.severity.toLowerCase()}`,children:e(`conflictSeverity.${n.severity}`)})}),(0,_.jsx)(`td`,{"data-label":e(`conflicts.status`),children:(0,_.jsx)(C,{status:n.status})}),(0,_.jsxs)(`td`,{"data-label":e(`conflicts.dueOn`),children:[h(n.dueOn,t.language),` `,n.overdue&&(0,_.jsx)(`span`,{className:`badge badge-terminated`,children:e(`conflicts.overdue`)})]}),(0,_.jsx)(`td`,{"data-label":e(`conflicts.lastActivity`),children:m(n.lastActivityAt,t.language)})]},n.id))})]}),z&&(0,_.jsx)(u,{pageInfo:z.pageInfo,onPage:e=>R({after:e.after,before:e.before})})]}):(0,_.jsx)(p,{children:e(`conflicts.empty`)})]})}export{b as CONFLICT_SEVERITIES,y as CONFLICT_STATUSES,C as CaseStatus,x as ConflictCasesQuery,w as Conflicts};