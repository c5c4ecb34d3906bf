import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-CUEgSYxO.js";import{t as d}from"./viewer-BCh4hgTe.js";import{t as f}from"./LazyMarkdown-D-aFZMn-.js";import{n as p,r as m,t as h}from"./States-Fx22-PiY.js";import{g}from"./index-Bfgpyg1k.js";import{i as _}from"./format-B5R3HS_1.js";var v=e(t(),1),y=n(),b=50,x=c(`
  query AnnouncementInbox($unreadOnly: Boolean, $first: Int) {
    eventCursor
    announcements(unreadOnly: $unreadOnly, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          body
          category
          pinned
          publishedAt
          publishedByName
          readAt
          readCount
        }
      }
    }
  }
`),S=c(`
  mutation MarkAnnouncementRead($id: ID!) {
    markAnnouncementRead(id: $id) {
      id
      readAt
    }
  }
`);function C(){let{t:e,i18n:t}=a();l(e(`inbox.title`));let[{data:n}]=d(),c=!!n&&n.me.role!==`DEALER`,[C,w]=r(),T=!c&&C.get(`unread`)===`1`,[{data:E,error:D,fetching:O},k]=u({query:x,variables:{unreadOnly:T,first:b}}),A=()=>k({requestPolicy:`network-only`}),[j,M]=(0,v.useState)(null),[N,P]=(0,v.useState)(new Set),[F,I]=s(S);if(g({eventCursor:E?.eventCursor,onEvent:e=>{if(!e.announcement)return;let t=e.announcement;M(t.title),P(e=>new Set(e).add(t.id)),A()},onExpired:A}),D&&!E)return(0,y.jsx)(p,{error:D,onRetry:A});let L=(E?.announcements.edges??[]).flatMap(e=>e?.node?[e.node]:[]),R=L.filter(e=>!e.readAt).length;return(0,y.jsxs)(`section`,{"aria-labelledby":`inbox-title`,className:`announcement-inbox`,children:[(0,y.jsx)(`h1`,{id:`inbox-title`,children:e(`inbox.title`)}),(0,y.jsx)(`p`,{className:`live-note`,role:`status`,"aria-live":`polite`,"aria-atomic":`true`,children:j?e(`inbox.arrived`,{title:j}):``}),(0,y.jsx)(`div`,{className:`actions-row inbox-tools`,children:c?(0,y.jsx)(i,{className:`button button-primary`,to:`/announcements/new`,"data-link":`publish`,children:e(`inbox.publish`)}):(0,y.jsxs)(`div`,{className:`tabs`,role:`group`,"aria-label":e(`inbox.show`),children:[(0,y.jsx)(`button`,{type:`button`,className:`button${T?``:` button-primary`}`,"aria-pressed":!T,"data-filter":`all`,onClick:()=>w({}),children:e(`inbox.all`)}),(0,y.jsx)(`button`,{type:`button`,className:`button${T?` button-primary`:``}`,"aria-pressed":T,"data-filter":`unread`,onClick:()=>w({unread:`1`}),children:e(`inbox.unreadOnly`)})]})}),O&&!E?(0,y.jsx)(m,{}):L.length?(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`p`,{className:`count`,"aria-live":`polite`,children:c?e(`inbox.count`,{count:E.announcements.totalCount}):e(`inbox.countUnread`,{count:E.announcements.totalCount,unread:R})}),F.error&&(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(e,F.error)}),(0,y.jsx)(`ul`,{className:`cards announcements`,children:L.map(n=>(0,y.jsxs)(`li`,{id:`a-${n.id}`,className:`card announcement${!c&&!n.readAt?` unread`:``}${N.has(n.id)?` live-changed`:``}`,"data-announcement":n.title,"data-category":n.category,children:[(0,y.jsxs)(`p`,{className:`card-title`,children:[!c&&!n.readAt&&(0,y.jsx)(`span`,{className:`unread-dot`,"aria-hidden":`true`}),(0,y.jsx)(`strong`,{children:n.title}),` `,(0,y.jsx)(`span`,{className:`badge badge-category-${n.category.toLowerCase()}`,children:e(`announcementCategory.${n.category}`)}),` `,n.pinned&&(0,y.jsx)(`span`,{className:`badge badge-primary`,children:e(`announcements.pinned`)}),` `,!c&&!n.readAt&&(0,y.jsx)(`span`,{className:`badge badge-unread`,children:e(`inbox.unread`)})]}),(0,y.jsxs)(`p`,{className:`muted`,children:[_(n.publishedAt,t.language),` · `,n.publishedByName]}),(0,y.jsx)(`div`,{className:`announcement-body`,children:(0,y.jsx)(f,{source:n.body})}),c?(0,y.jsx)(`p`,{className:`read-count`,"data-read-count":n.readCount??0,children:e(`inbox.readCount`,{count:n.readCount??0})}):n.readAt?(0,y.jsx)(`p`,{className:`muted read-at`,children:e(`inbox.readAt`,{when:_(n.readAt,t.language)})}):(0,y.jsx)(`p`,{children:(0,y.jsx)(`button`,{type:`button`,className:`button`,"data-action":`mark-read`,disabled:F.fetching,onClick:async()=>{!(await I({id:n.id})).error&&T&&A()},children:e(`inbox.markRead`)})})]},n.id))}),E.announcements.totalCount>L.length&&(0,y.jsx)(`p`,{className:`muted`,children:e(`inbox.more`,{count:L.length})})]}):(0,y.jsx)(h,{children:e(T?`inbox.noneUnread`:`inbox.empty`)})]})}export{x as AnnouncementInboxQuery,C as Announcements,S as MarkAnnouncementReadMutation};